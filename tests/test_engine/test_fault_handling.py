"""Faults lose nothing: sampling that does not repeat, a diverged loss that
stops the run, --resume with nothing to resume, an unwritable --dump."""
import os
import os.path as osp
import sys

import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS
from mmengine.config import Config

from fga.datasets import ReproducibleSampler, SampleIndex
from fga.engine.hooks import NonFiniteLossError, NonFiniteLossHook


def _synthrally_train(root, repo_root):
    cfg = Config.fromfile(
        osp.join(repo_root, 'configs', '_base_', 'datasets', 'sequence',
                 'synthrally.py'))
    dataset = cfg.train_dataloader.dataset
    dataset.update(data_root=root, clip_len=8, stride=2, pad_len=2,
                   num_train_clips=16)
    return DATASETS.build(dataset)


def _windows(dataset, sampler):
    return [(dataset[i]['data_samples'].metainfo['video'],
             dataset[i]['data_samples'].metainfo['clip_start'])
            for i in sampler]


def test_items_depend_on_seed_epoch_and_index(synthrally_small, repo_root):
    dataset = _synthrally_train(synthrally_small, repo_root)
    sampler = ReproducibleSampler(dataset, shuffle=False, seed=7)
    epoch0 = _windows(dataset, sampler)
    np.random.seed(123)
    torch.manual_seed(123)
    assert _windows(dataset, sampler) == epoch0  # not the caller's RNG
    sampler.set_epoch(1)
    epoch1 = _windows(dataset, sampler)
    assert epoch1 != epoch0  # a new epoch draws new windows
    sampler.set_epoch(0)
    assert _windows(dataset, sampler) == epoch0
    # The caller's random state is left as it was.
    np.random.seed(5)
    expected = np.random.rand()
    np.random.seed(5)
    dataset[SampleIndex(3, 7, 0)]
    assert np.random.rand() == expected


def test_sample_index_survives_pickling():
    import pickle
    index = pickle.loads(pickle.dumps(SampleIndex(4, 9, 2)))
    assert (int(index), index.seed, index.epoch) == (4, 9, 2)
    assert [10, 11, 12, 13, 14][index] == 14


class _Runner:
    """The parts of a runner the hook touches."""

    def __init__(self, model, optim_wrapper):
        import logging
        self.model, self.optim_wrapper = model, optim_wrapper
        self.iter, self.epoch = 6, 1
        self.logger = logging.getLogger('fga-test')


def _model_and_optimizer():
    from mmengine.model import BaseModel
    from mmengine.optim import OptimWrapper

    class Tiny(BaseModel):

        def __init__(self):
            super().__init__()
            self.weight = torch.nn.Parameter(torch.ones(2))

        def forward(self, inputs, data_samples=None, mode='loss'):
            return dict(loss_a=(self.weight * inputs).sum(),
                        loss_b=self.weight.sum())

    model = Tiny()
    return model, OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.1))


def test_non_finite_loss_stops_before_the_step():
    model, wrapper = _model_and_optimizer()
    NonFiniteLossHook().before_train(_Runner(model, wrapper))
    model.train_step(dict(inputs=torch.ones(2)), wrapper)
    assert torch.equal(model.weight.data, torch.full((2, ), 0.8))
    with pytest.raises(NonFiniteLossError,
                       match=r'iteration 7 \(epoch 2\).*loss_a=nan'):
        model.train_step(dict(inputs=torch.tensor([float('nan'), 1.])),
                         wrapper)
    assert torch.equal(model.weight.data, torch.full((2, ), 0.8))


def test_non_finite_loss_can_skip_the_step():
    model, wrapper = _model_and_optimizer()
    NonFiniteLossHook(action='skip').before_train(_Runner(model, wrapper))
    model.train_step(dict(inputs=torch.tensor([float('inf'), 1.])), wrapper)
    assert torch.equal(model.weight.data, torch.ones(2))
    model.train_step(dict(inputs=torch.ones(2)), wrapper)
    assert torch.equal(model.weight.data, torch.full((2, ), 0.8))
    with pytest.raises(ValueError, match="'stop' or 'skip'"):
        NonFiniteLossHook(action='ignore')


def test_resume_with_nothing_to_resume(run_tool, repo_root, tiny_config,
                                       tmp_path):
    empty = tmp_path / 'typo'
    proc = run_tool([sys.executable, 'tools/train.py', tiny_config,
                     '--work-dir', str(empty), '--resume'], cwd=repo_root,
                    check=False)
    assert proc.returncode != 0
    assert f'nothing to resume in {empty}' in proc.stderr
    assert 'Traceback' not in proc.stderr
    assert not empty.exists() or not list(empty.glob('*.pth'))
    proc = run_tool([sys.executable, 'tools/train.py', tiny_config,
                     '--work-dir', str(tmp_path / 'w'), '--resume',
                     str(tmp_path / 'missing.pth')], cwd=repo_root,
                    check=False)
    assert proc.returncode != 0 and 'does not exist' in proc.stderr
    # --auto-resume starts from scratch when there is nothing to resume.
    work = tmp_path / 'auto'
    run_tool([sys.executable, 'tools/train.py', tiny_config, '--work-dir',
              str(work), '--auto-resume'], cwd=repo_root)
    assert (work / 'epoch_1.pth').is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason='root may write anywhere')
def test_unwritable_dump_fails_first_as_user(run_tool, repo_root, trained,
                                             tiny_config, tmp_path):
    locked = tmp_path / 'locked'
    locked.mkdir()
    locked.chmod(0o500)
    proc = run_tool([sys.executable, 'tools/test.py', tiny_config,
                     osp.join(trained, 'epoch_1.pth'), '--work-dir',
                     str(tmp_path / 't'), '--dump', str(locked / 'p.json')],
                    cwd=repo_root, check=False)
    assert proc.returncode != 0 and '--dump: cannot write' in proc.stderr


def test_unwritable_dump_fails_before_testing(run_tool, repo_root, trained,
                                              tiny_config, tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text('not a folder')
    proc = run_tool([sys.executable, 'tools/test.py', tiny_config,
                     osp.join(trained, 'epoch_1.pth'), '--work-dir',
                     str(tmp_path / 't'), '--dump',
                     str(blocker / 'preds.json')], cwd=repo_root,
                    check=False)
    assert proc.returncode != 0
    assert '--dump: cannot write' in proc.stderr
    # Nothing was evaluated: the test loop never started.
    assert 'Epoch(test)' not in proc.stdout + proc.stderr
