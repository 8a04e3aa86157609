"""The GPU suite runs end to end on CPU with --tiny (through its shell
entry point too), with one measured row per workload."""
import importlib.util
import os.path as osp
import subprocess

import pytest


def _suite(repo_root):
    spec = importlib.util.spec_from_file_location(
        'gpu_suite', osp.join(repo_root, 'benchmarks', 'gpu_suite.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tiny_suite_measures_every_workload(repo_root):
    suite = _suite(repo_root)
    rows = suite.main(['--tiny'])
    assert [r['workload'] for r in rows] == list(suite.WORKLOADS)
    for row in rows:
        assert row['mode'] == 'fp32-eager'
        assert row['train'] > 0 and row['infer'] > 0 and row['peak'] > 0
        assert row['flops'] > 1e6


def test_bf16_mode_and_mfu_needs_a_peak(repo_root, capsys):
    suite = _suite(repo_root)
    rows = suite.main(['--tiny', '--workloads', 'haan_finegym', '--modes',
                       'bf16-eager', '--peak-tflops', '1'])
    assert len(rows) == 1 and rows[0]['mode'] == 'bf16-eager'
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith('| haan_finegym | bf16-eager |')
    assert line.endswith(' % |')
    with pytest.raises(KeyError):
        suite.main(['--tiny', '--workloads', 'nope'])


def test_shell_entry_point(repo_root):
    out = subprocess.run(
        ['bash', osp.join(repo_root, 'benchmarks', 'gpu_suite.sh'), '--tiny',
         '--workloads', 'haan_finegym'], capture_output=True, text=True,
        check=True).stdout
    assert '| haan_finegym | fp32-eager |' in out
