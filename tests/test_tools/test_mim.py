"""mim finds fga's configs, tools and model index."""
import os
import os.path as osp
import shutil

import pytest


@pytest.fixture(scope='module')
def mim():
    path = shutil.which('mim')
    if path is None:
        pytest.fail('mim is not installed: pip install --no-deps '
                    'openmim==0.3.9 (README command 2 does)')
    return path


def test_package_carries_mim_files(repo_root):
    import fga
    mim_dir = osp.join(osp.dirname(fga.__file__), '.mim')
    for name in ('configs', 'tools', 'model-index.yml'):
        assert osp.exists(osp.join(mim_dir, name)), name
    assert osp.isfile(osp.join(mim_dir, 'tools', 'train.py'))


def test_mim_train_and_test(run_tool, mim, repo_root, tiny_config, tmp_path):
    env = dict(PYTHONPATH=repo_root + os.pathsep +
               os.environ.get('PYTHONPATH', ''))
    work_dir = str(tmp_path / 'mim')
    run_tool([mim, 'train', 'fga', tiny_config, '--work-dir', work_dir],
             cwd=str(tmp_path), env_extra=env)
    assert osp.isfile(osp.join(work_dir, 'epoch_1.pth'))
    proc = run_tool([
        mim, 'test', 'fga', tiny_config, '--checkpoint',
        osp.join(work_dir, 'epoch_1.pth'), '--work-dir', work_dir
    ], cwd=str(tmp_path), env_extra=env)
    assert 'seq/edit' in proc.stdout + proc.stderr


def test_mim_search_lists_models(run_tool, mim, repo_root, tmp_path):
    env = dict(PYTHONPATH=repo_root + os.pathsep +
               os.environ.get('PYTHONPATH', ''))
    proc = run_tool([mim, 'search', 'fga'], cwd=str(tmp_path), env_extra=env)
    assert 'spotting_r3d18-bigru_1xb4-8e_synthrally-rgb' in proc.stdout
