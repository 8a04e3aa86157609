"""CPU DDP (gloo) through tools/dist_train.sh and tools/dist_test.sh."""
import os
import os.path as osp
import re
import socket


def _free_port() -> str:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return str(s.getsockname()[1])


def _log(work_dir: str) -> str:
    runs = sorted(d for d in os.listdir(work_dir)
                  if re.fullmatch(r'\d{8}_\d{6}', d))
    return open(osp.join(work_dir, runs[-1], runs[-1] + '.log')).read()


def _samples_per_epoch(log: str, batch_size: int, world_size: int) -> int:
    iters = int(re.findall(r'Epoch\(train\) \[1\]\[\s*\d+/(\d+)\]', log)[0])
    return iters * batch_size * world_size


def test_two_process_training_and_testing(run_tool, repo_root, tiny_config,
                                          trained, tmp_path):
    work_dir = str(tmp_path / 'ddp')
    env = dict(PORT=_free_port())
    run_tool(['bash', 'tools/dist_train.sh', tiny_config, '2', '--work-dir',
              work_dir], cwd=repo_root, env_extra=env)
    log = _log(work_dir)
    assert 'Distributed training: True' in log
    assert 'Distributed launcher: pytorch' in log
    assert osp.isfile(osp.join(work_dir, 'epoch_1.pth'))
    # Same samples per epoch as the single-process run of the same config.
    assert _samples_per_epoch(log, 2, 2) == _samples_per_epoch(
        _log(trained), 2, 1) == 8
    proc = run_tool([
        'bash', 'tools/dist_test.sh', tiny_config,
        osp.join(work_dir, 'epoch_1.pth'), '2', '--work-dir',
        str(tmp_path / 'ddp_test')
    ], cwd=repo_root, env_extra=dict(PORT=_free_port()))
    assert 'seq/edit' in proc.stdout + proc.stderr
