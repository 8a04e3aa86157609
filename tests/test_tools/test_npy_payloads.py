"""A HAAN ``.npy`` file carrying a pickled payload never runs it: not when
a dataset loads it, nor through tools/train.py, tools/test.py or the
annotation converter; each stops with one line naming the file."""
import os
import os.path as osp
import shutil
import sys

import numpy as np
import pytest

from fga.annotations import UnsafeFileError
from fga.datasets import HAANFeatureDataset
from fga.datasets.synthetic import generate_synthweak

POISONED = ('video_names.npy', 'labels.npy', 'segments.npy',
            'sec2clip_ratios.npy', 'features.npy')

CONFIG = """
_base_ = [{base!r}]
root = {root!r}
model = dict(head=dict(embed_channels=8, num_atomic_actions=4,
                       num_top_concepts=2))
dataset = dict(ann_path=root, features=root + '/features.npy',
               num_training_videos=8)
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
train_cfg = dict(max_epochs=1, val_interval=1)
"""


class _Payload:
    """Unpickling this runs ``command``."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command, ))


@pytest.fixture(scope='module')
def synthweak(tmp_path_factory):
    root = str(tmp_path_factory.mktemp('payload') / 'sw')
    generate_synthweak(root, videos=10)
    return root


def _poison(synthweak, folder, name):
    """A copy of SynthWeak whose ``name`` is an object array holding a
    payload that would create ``folder/pwned``."""
    shutil.copytree(synthweak, folder)
    marker = osp.join(folder, 'pwned')
    payload = np.empty(10, dtype=object)
    payload[:] = [_Payload(f'touch {marker}')] * 10
    np.save(osp.join(folder, name), payload, allow_pickle=True)
    return osp.join(folder, name), marker


def _dataset(root):
    return HAANFeatureDataset(
        ann_path=root, features=osp.join(root, 'features.npy'),
        split='train', pipeline=[], num_classes=9, num_coarse_classes=3,
        in_channels=64, num_training_videos=8)


@pytest.mark.parametrize('name', POISONED)
def test_dataset_refuses_payload(synthweak, tmp_path, name):
    path, marker = _poison(synthweak, str(tmp_path / 'sw'), name)
    with pytest.raises(UnsafeFileError) as err:
        _dataset(str(tmp_path / 'sw'))
    assert f'{path}: refusing to read it: it names the callable ' \
        'posix.system' in str(err.value)
    assert not osp.exists(marker)


def _config(repo_root, folder):
    path = osp.join(folder, 'haan_payload.py')
    with open(path, 'w') as f:
        f.write(CONFIG.format(
            base=osp.join(repo_root, 'configs', 'haan',
                          'haan_mlp-d64_1xb2-40e_synthweak.py'),
            root=folder))
    return path


@pytest.mark.parametrize('tool,name', [
    ('train', 'features.npy'),
    ('test', 'labels.npy'),
    ('convert', 'segments.npy'),
    ('convert', 'video_names.npy'),
    ('convert', 'sec2clip_ratios.npy'),
])
def test_tools_refuse_payload(run_tool, repo_root, synthweak, tmp_path, tool,
                              name):
    folder = str(tmp_path / 'sw')
    path, marker = _poison(synthweak, folder, name)
    work = ['--work-dir', str(tmp_path / 'work')]
    args = dict(
        train=['tools/train.py', _config(repo_root, folder)] + work,
        test=['tools/test.py', _config(repo_root, folder),
              str(tmp_path / 'none.pth')] + work,
        convert=['tools/data/haan/convert_annotations.py', folder,
                 str(tmp_path / 'out.json'), '--num-training-videos', '8'],
    )[tool]
    proc = run_tool([sys.executable] + args, cwd=repo_root, check=False)
    assert proc.returncode != 0
    assert not osp.exists(marker)
    lines = proc.stderr.strip().splitlines()
    assert lines[-1].startswith('error: ') and path in lines[-1]
    assert 'refusing to read it' in lines[-1]
    assert 'Traceback' not in proc.stderr
