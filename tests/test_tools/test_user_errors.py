"""tools/train.py and tools/test.py end with one line naming the problem
when the checkpoint, the classes or the config are wrong."""
import sys

import torch


def test_tools_report_mismatches_in_one_line(run_tool, repo_root, tiny_config,
                                             tmp_path):
    other = str(tmp_path / 'other.pth')
    torch.save({'state_dict': {'encoder.weight': torch.zeros(3, 3)}}, other)
    runs = [
        (['tools/test.py', tiny_config, other],
         'does not fit the model of this config (0.0% of its values would '
         'load)'),
        (['tools/train.py', tiny_config, '--cfg-options',
          f'load_from={other}'], 'less than min_loaded_fraction 0.5'),
        (['tools/train.py', tiny_config, '--cfg-options',
          'model.head.num_classes=50'],
         'error: model.head.num_classes is 50 but train_dataloader.dataset.'
         'classes_file'),
        (['tools/train.py', tiny_config, '--cfg-options',
          'train_dataloader.batch_size=0'],
         'error: train_dataloader.batch_size is 0'),
    ]
    for args, message in runs:
        proc = run_tool([sys.executable] + args +
                        ['--work-dir', str(tmp_path / 'w')], cwd=repo_root,
                        check=False)
        assert proc.returncode != 0, args
        assert message in proc.stderr, proc.stderr[-2000:]
        assert 'Traceback' not in proc.stderr
