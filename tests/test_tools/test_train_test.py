import json
import os
import os.path as osp
import re
import sys

import torch


def test_train_writes_checkpoints_and_best(run_tool, trained):
    files = os.listdir(trained)
    assert 'epoch_1.pth' in files
    assert any(f.startswith('best_seq_accuracy') for f in files)
    logs = [
        osp.join(trained, d) for d in os.listdir(trained)
        if re.match(r'\d{8}_\d{6}', d)
    ]
    log = open(osp.join(logs[0], osp.basename(logs[0]) + '.log')).read()
    assert 'eta:' in log and 'seq/edit' in log


def test_resume_continues_from_checkpoint(run_tool, trained, repo_root,
                                          tiny_config):
    proc = run_tool([
        sys.executable, 'tools/train.py', tiny_config, '--work-dir', trained,
        '--resume', '--cfg-options', 'train_cfg.max_epochs=2'
    ],
                    cwd=repo_root)
    output = proc.stdout + proc.stderr
    assert 'resumed epoch: 1' in output
    assert osp.isfile(osp.join(trained, 'epoch_2.pth'))


def test_test_dump_and_show_dir(run_tool, trained, repo_root, tiny_config,
                                tmp_path, synthrally_small):
    dump = tmp_path / 'pred.json'
    show = tmp_path / 'vis'
    run_tool([
        sys.executable, 'tools/test.py', tiny_config,
        osp.join(trained, 'epoch_1.pth'), '--work-dir',
        str(tmp_path / 'w'), '--dump',
        str(dump), '--show-dir',
        str(show)
    ],
             cwd=repo_root)
    records = json.loads(dump.read_text())
    assert len(records) == 4  # the test split
    assert set(records[0]) == {'video', 'labels', 'scores'}
    assert (show / 'timelines.png').read_bytes()[:4] == b'\x89PNG'
    # The dump is the eval_sequences.py format.
    proc = run_tool([
        sys.executable, 'tools/analysis_tools/eval_sequences.py',
        osp.join(synthrally_small, 'test.json'),
        str(dump), '--classes',
        osp.join(synthrally_small, 'classes.txt')
    ],
                    cwd=repo_root)
    metrics = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(metrics) == {'accuracy', 'edit', 'success_rate', 'mAP'}


def test_amp_refused_without_gpu(run_tool, repo_root, tiny_config):
    if torch.cuda.is_available():
        return
    proc = run_tool([sys.executable, 'tools/train.py', tiny_config, '--amp'],
                    cwd=repo_root,
                    check=False)
    assert proc.returncode != 0
    assert '--amp needs a CUDA GPU' in proc.stderr


def test_tensorboard_scalars_by_default(trained):
    """The runtime base logs TensorBoard scalars (the tiny config adds no
    backend; the run is on CPU). Every run in the work dir (a resumed one
    too) writes its own events file."""
    runs = sorted(d for d in os.listdir(trained)
                  if re.match(r'\d{8}_\d{6}$', d))
    assert runs
    for run in runs:
        assert any(
            f.startswith('events.out.tfevents')
            for f in os.listdir(osp.join(trained, run, 'vis_data')))
    from tensorboard.backend.event_processing.event_accumulator import \
        EventAccumulator
    acc = EventAccumulator(osp.join(trained, runs[0], 'vis_data'))
    acc.Reload()
    assert 'loss' in acc.Tags()['scalars']
    assert 'seq/edit' in acc.Tags()['scalars']
    assert len(acc.Scalars('loss')) >= 1
