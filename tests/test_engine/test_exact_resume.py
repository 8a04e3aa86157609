"""Kill a tiny run with SIGKILL (mid-epoch, and mid-save), resume it, and
get exactly the uninterrupted run's final checkpoint, for every model
family. The kill points are made deterministic by a test-only module
(imported through the config) that stalls a chosen iteration or a chosen
checkpoint write half-way and signals it with a marker file."""
import os
import os.path as osp
import signal
import subprocess
import sys
import time

import pytest
import torch

STALL_MODULE = '''
import os
import time

from mmengine.fileio.backends.local_backend import LocalBackend
from mmengine.runner import EpochBasedTrainLoop


def _stall():
    open(os.environ['FGA_STALL_MARKER'], 'w').close()
    time.sleep(600)


_run_iter = EpochBasedTrainLoop.run_iter


def run_iter(self, idx, data_batch):
    if os.environ.get('FGA_STALL') == f'iter:{self._iter}':
        _stall()
    return _run_iter(self, idx, data_batch)


_put = LocalBackend.put


def put(self, obj, filepath):
    target = os.environ.get('FGA_STALL', '')
    if target.startswith('save:') and target[5:] in os.path.basename(
            str(filepath)):
        with open(filepath, 'wb') as f:
            f.write(obj[:len(obj) // 2])
        _stall()
    return _put(self, obj, filepath)


EpochBasedTrainLoop.run_iter = run_iter
LocalBackend.put = put
'''

COMMON = """
custom_imports = dict(imports=['fga', 'fga_stall'],
                      allow_failed_imports=False)
default_hooks = dict(logger=dict(interval=1),
                     checkpoint=dict(interval=1, max_keep_ckpts=1))
"""

F3AST = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(base_channels=8),
    head=dict(in_channels=64, clip_len=8, d_model=32, num_heads=2,
              ffn_channels=32))
data = dict(data_root={root!r}, clip_len=8, stride=2, pad_len=2)
train_dataloader = dict(batch_size=2, num_workers=1, persistent_workers=False,
                        dataset=dict(**data, num_train_clips=8))
val_dataloader = dict(batch_size=4, num_workers=0, persistent_workers=False,
                      dataset=dict(**data))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=3, val_interval=2)
param_scheduler = []
"""

ACTIONFORMER = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(embed_dims=16, num_heads=2),
    neck=dict(in_channels=[16] * 6, out_channels=16),
    head=dict(in_channels=16, feat_channels=16))
data = dict(ann_file={ann!r}, data_prefix=dict(feature={feats!r}))
train_dataloader = dict(batch_size=2, num_workers=1, persistent_workers=True,
                        dataset=data)
val_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False,
                      dataset=data)
test_dataloader = val_dataloader
val_evaluator = dict(ann_file={ann!r})
test_evaluator = val_evaluator
train_cfg = dict(max_epochs=3, val_interval=2)
"""

HAAN = """
_base_ = [{base!r}]
root = {root!r}
model = dict(head=dict(embed_channels=16, num_atomic_actions=6,
                       num_top_concepts=3,
                       fine_to_coarse=root + '/fine_to_coarse_mappings.json'))
dataset = dict(ann_path=root, features=root + '/features.npy',
               num_training_videos=30, val_fraction=0.2)
train_dataloader = dict(num_workers=0, persistent_workers=False,
                        dataset=dataset)
val_dataloader = dict(num_workers=0, persistent_workers=False,
                      dataset=dataset)
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=4, val_interval=4)
custom_hooks = [dict(type='AtomicActionDiscoveryHook', interval=2,
                     sample_rate=0.5)]
"""

FULL_VIDEO = """
_base_ = [{base!r}]
num_clusters = 4
model = dict(
    backbone=dict(num_clusters=num_clusters),
    cls_head=dict(num_segments=num_clusters))
root = {root!r}
lists = root + '/file_list/movingmnist_rgb_'
sampler = dict(type='SampleFrames', clip_len=1, frame_interval=1,
               num_clips=num_clusters)
pipeline = [sampler, dict(type='RawFrameDecode'),
            dict(type='Resize', scale=(32, 32)),
            dict(type='FormatShape', input_format='NCHW'),
            dict(type='PackActionInputs')]
train_dataloader = dict(
    batch_size=4, num_workers=1, persistent_workers=False,
    dataset=dict(data_prefix=dict(img=root),
                 ann_file=lists + 'train_split_1.txt',
                 pipeline=pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(data_prefix=dict(img=root),
                 ann_file=lists + 'val_split_1.txt',
                 pipeline=pipeline))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=3, val_interval=3)
custom_hooks = [dict(type='FullVideoSamplingHook', switch_epoch=1,
                     sampler=dict(type='SampleFrames', clip_len=8,
                                  frame_interval=1, num_clips=1))]
"""


def _env(tmp_path, **extra):
    env = dict(os.environ, PYTHONUNBUFFERED='1', OMP_NUM_THREADS='1')
    env['PYTHONPATH'] = os.pathsep.join(
        [str(tmp_path)] + [p for p in [env.get('PYTHONPATH')] if p])
    env.update(extra)
    return env


def _train(repo_root, config, work, tmp_path, *args, stall=None,
           timeout=300):
    """Run tools/train.py; with ``stall``, kill it with SIGKILL once it
    reaches the stall point and return the killed process."""
    marker = tmp_path / f'stalled-{osp.basename(work)}'
    if marker.exists():
        marker.unlink()
    env = _env(tmp_path, FGA_STALL=stall or '', FGA_STALL_MARKER=str(marker))
    command = [sys.executable, 'tools/train.py', config, '--work-dir',
               str(work), '--seed', '0', '--deterministic', *args]
    proc = subprocess.Popen(command, cwd=repo_root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    if stall is None:
        out, _ = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, out[-3000:]
        return out
    deadline = time.time() + timeout
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f'{command} ended before stalling at '
                                 f'{stall}:\n{proc.stdout.read()[-3000:]}')
        assert time.time() < deadline, f'no stall at {stall}'
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc


def _tensors(path):
    checkpoint = torch.load(path, map_location='cpu', weights_only=False)
    out = {f'state_dict.{k}': v for k, v in checkpoint['state_dict'].items()}

    def walk(prefix, value):
        if isinstance(value, torch.Tensor):
            out[prefix] = value
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(f'{prefix}.{k}', v)
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                walk(f'{prefix}.{i}', v)

    walk('optimizer', checkpoint.get('optimizer', {}))
    return out


def _assert_same_run(reference, resumed):
    ours, theirs = _tensors(resumed), _tensors(reference)
    assert ours.keys() == theirs.keys()
    different = [k for k in theirs if not torch.equal(ours[k], theirs[k])]
    assert not different, f'{len(different)} of {len(theirs)} tensors ' \
        f'differ, e.g. {different[:5]}'
    return len(theirs)


def _family_config(name, repo_root, tmp_path_factory):
    from fga.datasets.synthetic import (generate_move4mnist,
                                        generate_synthfeat,
                                        generate_synthrally,
                                        generate_synthweak)
    folder = tmp_path_factory.mktemp(name)
    (folder / 'fga_stall.py').write_text(STALL_MODULE)
    configs = osp.join(repo_root, 'configs')
    if name == 'f3ast':
        generate_synthrally(str(folder / 'data'), seed=3, videos=10,
                            max_shots=3)
        text = F3AST.format(
            base=osp.join(configs, 'f3ast', 'f3ast_r3d18-quarter_1xb4-'
                          '64x2-12e_synthrally-rgb.py'),
            root=str(folder / 'data'))
    elif name == 'actionformer':
        generate_synthfeat(str(folder / 'data'), seed=0, videos=10)
        text = ACTIONFORMER.format(
            base=osp.join(configs, 'actionformer', 'actionformer_'
                          'convtransformer-d64_1xb4-30e_synthfeat.py'),
            ann=str(folder / 'data' / 'annotations.json'),
            feats=str(folder / 'data' / 'features'))
    elif name == 'haan':
        generate_synthweak(str(folder / 'data'), videos=40)
        text = HAAN.format(
            base=osp.join(configs, 'haan', 'haan_mlp-d64_1xb2-40e_'
                          'synthweak.py'),
            root=str(folder / 'data'))
    else:
        generate_move4mnist(str(folder / 'data'), seed=0, train_per_class=2,
                            val_per_class=1)
        text = FULL_VIDEO.format(
            base=osp.join(configs, 'full_video', 'full-video-tsm_r18_1xb8-'
                          'cumulative-g8-3e_move4mnist-rgb.py'),
            root=str(folder / 'data'))
    config = folder / f'tiny_{name}.py'
    config.write_text(text + COMMON)
    return folder, str(config)


# family: (final epoch, a mid-epoch iteration to kill at, a checkpoint
# write to kill in after resuming)
FAMILIES = {
    'f3ast': (3, 'iter:5', 'save:epoch_2.pth'),
    'actionformer': (3, 'iter:4', 'save:epoch_2.pth'),
    # 12 iterations per epoch, discovery every 2 epochs: the kill in epoch 2
    # resumes from epoch 1, not a multiple of the discovery interval, so the
    # pseudo labels must come from the checkpoint.
    'haan': (4, 'iter:16', 'save:epoch_2.pth'),
    'full_video': (3, 'iter:3', 'save:epoch_2.pth'),
}


@pytest.mark.parametrize('family', list(FAMILIES))
def test_kill_and_resume_is_exact(family, repo_root, tmp_path_factory):
    """One run killed twice, mid-epoch then in the middle of writing a
    checkpoint, and resumed each time, ends where the uninterrupted run
    ends."""
    folder, config = _family_config(family, repo_root, tmp_path_factory)
    last, mid_epoch, mid_save = FAMILIES[family]
    final = f'epoch_{last}.pth'
    _train(repo_root, config, folder / 'reference', folder)

    work = folder / 'killed'
    _train(repo_root, config, work, folder, stall=mid_epoch)
    assert (work / 'last_checkpoint').is_file()
    _train(repo_root, config, work, folder, '--resume', stall=mid_save)
    # The half-written checkpoint is a hidden temporary file; the previous
    # one is still there and last_checkpoint names it.
    recorded = (work / 'last_checkpoint').read_text().strip()
    assert osp.basename(recorded) == 'epoch_1.pth' and osp.isfile(recorded)
    assert not (work / 'epoch_2.pth').exists()
    assert any(p.name.startswith('.epoch_2.pth.partial-')
               for p in work.iterdir())
    torch.load(recorded, map_location='cpu', weights_only=False)
    _train(repo_root, config, work, folder, '--resume')
    assert _assert_same_run(folder / 'reference' / final, work / final) > 10
    assert not any('.partial-' in p.name for p in work.iterdir())
