"""F3AST on a tiny SynthRally: train, test, infer on one video, draw."""
import json
import os
import os.path as osp
import sys

import cv2
import pytest

TINY_F3AST = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(base_channels=8),
    head=dict(in_channels=64, d_model=32, num_heads=4, ffn_channels=64,
              clip_len=8, max_queue=60))
data = dict(data_root={root!r}, clip_len=8, stride=4, pad_len=2)
train_dataloader = dict(
    batch_size=2, num_workers=0, persistent_workers=False,
    dataset=dict(**data, num_train_clips=4))
val_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(**data))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=1, val_interval=1)
"""


@pytest.fixture(scope='module')
def f3ast_run(tmp_path_factory, repo_root, synthrally_small, run_tool):
    base = osp.join(repo_root, 'configs', 'f3ast',
                    'f3ast_r3d18-quarter_1xb4-64x2-12e_synthrally-rgb.py')
    folder = tmp_path_factory.mktemp('f3ast')
    config = folder / 'tiny_f3ast.py'
    config.write_text(TINY_F3AST.format(base=base, root=synthrally_small))
    work_dir = folder / 'work'
    run_tool([sys.executable, 'tools/train.py', str(config), '--work-dir',
              str(work_dir)], cwd=repo_root)
    return str(config), str(work_dir / 'epoch_1.pth'), folder


def test_test_dump_and_vis_sequences(run_tool, repo_root, synthrally_small,
                                     f3ast_run):
    config, checkpoint, folder = f3ast_run
    dump = folder / 'pred.json'
    run_tool([sys.executable, 'tools/test.py', config, checkpoint,
              '--work-dir', str(folder / 'test'), '--dump', str(dump),
              '--show-dir', str(folder / 'show')], cwd=repo_root)
    assert (folder / 'show' / 'timelines.png').exists()
    assert len(json.loads(dump.read_text())) == 4
    out = folder / 'vis.png'
    run_tool([sys.executable, 'tools/analysis_tools/vis_sequences.py',
              osp.join(synthrally_small, 'test.json'), str(dump),
              '--classes', osp.join(synthrally_small, 'classes.txt'),
              '--out', str(out), '--videos', '2'], cwd=repo_root)
    assert out.read_bytes()[:4] == b'\x89PNG'


def test_infer_on_frames_and_video(run_tool, repo_root, synthrally_small,
                                   f3ast_run):
    config, checkpoint, folder = f3ast_run
    frames = osp.join(synthrally_small, 'frames', 'rally_00016')
    proc = run_tool([sys.executable, 'tools/infer.py', config, checkpoint,
                     frames, '--out-png', str(folder / 'one.png')],
                    cwd=repo_root)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result['video'] == 'rally_00016'
    assert len(result['labels']) == len(result['scores'])
    assert (folder / 'one.png').exists()
    # The same frames as a video file give the same prediction.
    names = sorted(os.listdir(frames))
    video = str(folder / 'rally.avi')
    writer = cv2.VideoWriter(video, cv2.VideoWriter_fourcc(*'MJPG'), 25,
                             (96, 64))
    for name in names:
        writer.write(cv2.imread(osp.join(frames, name)))
    writer.release()
    proc = run_tool([sys.executable, 'tools/infer.py', config, checkpoint,
                     video], cwd=repo_root)
    assert json.loads(proc.stdout.strip().splitlines()[-1])['video'] == \
        'rally'


def test_infer_reports_missing_input(run_tool, repo_root, f3ast_run):
    config, checkpoint, folder = f3ast_run
    proc = run_tool([sys.executable, 'tools/infer.py', config, checkpoint,
                     str(folder / 'nope.mp4')], cwd=repo_root, check=False)
    assert proc.returncode != 0 and 'does not exist' in proc.stderr
