import os
import os.path as osp
import subprocess
import sys

import pytest

from fga.utils import register_all_modules

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
register_all_modules()

ANNOTATIONS = osp.join(REPO_ROOT, 'tests', 'data', 'annotations')


@pytest.fixture(scope='session')
def repo_root() -> str:
    return REPO_ROOT


@pytest.fixture(scope='session')
def annotation_data() -> str:
    """The real annotation files shipped with the repository
    (``tests/data/annotations``, see its README)."""
    return ANNOTATIONS


@pytest.fixture(scope='session')
def synthrally_small(tmp_path_factory) -> str:
    """A small SynthRally set shared by the tests that need frames."""
    from fga.datasets.synthetic import generate_synthrally
    out = str(tmp_path_factory.mktemp('synthrally'))
    generate_synthrally(out, seed=3, videos=20, max_shots=4)
    return out


TINY_CONFIG = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(base_channels=8),
    head=dict(in_channels=64, num_classes=40, hidden_channels=16))
data = dict(data_root={root!r}, clip_len=8, stride=2, pad_len=2)
train_dataloader = dict(
    batch_size=2, num_workers=0, persistent_workers=False,
    dataset=dict(**data, num_train_clips=8))
val_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(**data))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=1, val_interval=1)
default_hooks = dict(logger=dict(interval=1))
"""


def _run_tool(args, cwd, env_extra=None, check=True, timeout=300):
    env = dict(os.environ, PYTHONUNBUFFERED='1', OMP_NUM_THREADS='1')
    env.update(env_extra or {})
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f'{args} failed ({proc.returncode}):\n'
                             f'{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}')
    return proc


def _make_video(path, count, fps=25, step=5, size=(320, 180)):
    """An MJPG video whose frame i is uniformly ``step * i`` grey, so a
    decoded frame tells which source frame it was."""
    import cv2
    import numpy as np
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'MJPG'), fps, size)
    for i in range(count):
        writer.write(np.full((size[1], size[0], 3), step * i, np.uint8))
    writer.release()


@pytest.fixture(scope='session')
def make_video():
    """Write a small test video (see ``_make_video``)."""
    return _make_video


@pytest.fixture(scope='session')
def run_tool():
    """Run a command line; fail with its output unless it succeeds."""
    return _run_tool


@pytest.fixture(scope='session')
def tiny_config(tmp_path_factory, repo_root, synthrally_small):
    base = osp.join(repo_root, 'configs', 'spotting',
                    'spotting_r3d18-bigru_1xb4-8e_synthrally-rgb.py')
    path = tmp_path_factory.mktemp('cfg') / 'tiny_spotting_synthrally.py'
    path.write_text(TINY_CONFIG.format(base=base, root=synthrally_small))
    return str(path)


@pytest.fixture(scope='session')
def trained(tmp_path_factory, repo_root, tiny_config):
    """One epoch of the tiny config; returns its work dir."""
    work_dir = str(tmp_path_factory.mktemp('work'))
    _run_tool([sys.executable, 'tools/train.py', tiny_config, '--work-dir',
               work_dir, '--seed', '0'], cwd=repo_root)
    return work_dir
