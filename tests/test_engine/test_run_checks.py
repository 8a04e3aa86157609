"""What tools/train.py and tools/test.py check before and while they run:
checkpoints that do not fit the model, heads and datasets that disagree on
the classes, config mistakes, and the one-line errors users see."""
import errno
import os.path as osp
from types import SimpleNamespace

import pytest
import torch
from mmengine.config import Config
from mmengine.runner import BaseLoop

from fga.engine import (CheckpointMismatchError, ConfigError, check_config,
                        checkpoint_fit)
from fga.engine.config_checks import check_work_dir, user_error
from fga.engine.hooks import CheckpointFitHook, ClassAgreementHook
from fga.engine.hooks.class_agreement_hook import ClassMismatchError


class _Model(torch.nn.Module):

    def __init__(self, classes=4):
        super().__init__()
        self.backbone = torch.nn.Linear(8, 8)
        self.head = torch.nn.Linear(8, classes)
        self.head.num_classes = classes


def test_checkpoint_fit_counts_values():
    model = _Model().state_dict()
    ckpt = dict(_Model(classes=5).state_dict())
    ckpt['module.extra'] = torch.zeros(2)
    fit = checkpoint_fit(model, ckpt)
    # backbone 64 + 8 values fit; head 32 + 4 have other shapes.
    assert fit['total'] == 108 and fit['fraction'] == pytest.approx(72 / 108)
    mismatched = [k for k, _, _ in fit['mismatched']]
    assert mismatched == ['head.weight', 'head.bias']
    assert fit['mismatched'][0][1:] == ((4, 8), (5, 8))
    assert fit['unexpected'] == ['extra'] and fit['missing'] == []


def _runner(model, path='ckpt.pth'):
    return SimpleNamespace(model=model, _resume=False, _load_from=path)


def test_test_time_loading_is_strict():
    hook = CheckpointFitHook(strict=True)
    state = _Model(classes=5).state_dict()
    with pytest.raises(CheckpointMismatchError, match=r'checkpoint ckpt.pth '
                       r'does not fit the model .*66.7% .* shape differs for '
                       r'head.weight \(model \(4, 8\), checkpoint \(5, 8\)\)'):
        hook.after_load_checkpoint(_runner(_Model()), dict(state_dict=state))
    hook.after_load_checkpoint(_runner(_Model()),
                               dict(state_dict=_Model().state_dict()))


def test_load_from_needs_the_minimum_fraction():
    other = dict(state_dict={'encoder.weight': torch.zeros(8, 8)})
    with pytest.raises(CheckpointMismatchError, match=r'fills 0.0% of the '
                       r"model's 108 values, less than min_loaded_fraction "
                       r'0.5: .*min_loaded_fraction=0'):
        CheckpointFitHook().after_load_checkpoint(_runner(_Model()), other)
    CheckpointFitHook(0).after_load_checkpoint(_runner(_Model()), other)
    # Fine-tuning with a new head: two thirds fit, the head is named.
    new_head = dict(state_dict=_Model(classes=5).state_dict())
    CheckpointFitHook().after_load_checkpoint(_runner(_Model()), new_head)


class _Loop(BaseLoop):

    def run(self):
        pass


def _agreement_runner(model, dataset):
    loop = _Loop(runner=None, dataloader=SimpleNamespace(dataset=dataset))
    return SimpleNamespace(model=model, _train_loop=loop, _val_loop=None,
                           _test_loop=dict())


def test_head_and_dataset_classes_must_agree():
    f3ast = SimpleNamespace(metainfo=dict(classes=('a', 'b', 'c', 'd')),
                            classes_file='data/classes.txt')
    ClassAgreementHook().before_run(_agreement_runner(_Model(), f3ast))
    with pytest.raises(ClassMismatchError, match=r'model.head.num_classes is '
                       r'5 but train_dataloader.dataset.classes_file '
                       r'\(data/classes.txt\) gives 4 classes'):
        ClassAgreementHook().before_run(_agreement_runner(_Model(5), f3ast))
    wrapped = SimpleNamespace(dataset=SimpleNamespace(num_classes=3))
    with pytest.raises(ClassMismatchError, match=r'train_dataloader.dataset.'
                       r'dataset.num_classes gives 3'):
        ClassAgreementHook().before_run(_agreement_runner(_Model(), wrapped))


def _tiny(repo_root, work_dir, **changes):
    cfg = Config.fromfile(osp.join(
        repo_root, 'configs', 'spotting',
        'spotting_r3d18-bigru_1xb4-8e_synthrally-rgb.py'))
    cfg.work_dir = str(work_dir)
    cfg.merge_from_dict(changes)
    return cfg


@pytest.mark.parametrize('changes,message', [
    ({'model.head.type': 'FramewiseSpotingHead'},
     r"model.head.type: 'FramewiseSpotingHead' is not registered \(in "
     r"MODELS\); did you mean 'FramewiseSpottingHead'"),
    ({'train_dataloader.dataset.pipeline.0.type': 'SampleEventWindw'},
     r"train_dataloader.dataset.pipeline.0.type: 'SampleEventWindw' is not "
     r"registered \(in TRANSFORMS\); did you mean 'SampleEventWindow'"),
    ({'train_dataloader.dataset.clip_length': 8},
     r"train_dataloader.dataset.clip_length: EventSequenceDataset has no "
     r"argument 'clip_length'; did you mean 'clip_len'"),
    ({'train_cfg.max_epcohs': 3},
     r"train_cfg.max_epcohs: EpochBasedTrainLoop has no argument "
     r"'max_epcohs'; did you mean 'max_epochs'"),
    ({'train_dataloader.batch_size': 0},
     'train_dataloader.batch_size is 0; it must be a positive integer'),
    ({'val_dataloader.num_workers': 0,
      'val_dataloader.persistent_workers': True},
     'val_dataloader.persistent_workers=True needs worker processes, but '
     'val_dataloader.num_workers is 0'),
    ({'test_evaluator': None},
     'test_dataloader, test_cfg given but test_evaluator not'),
])
def test_config_mistakes_name_the_key(repo_root, tmp_path, changes,
                                      message):
    cfg = _tiny(repo_root, tmp_path / 'work', **changes)
    with pytest.raises(ConfigError, match=message):
        check_config(cfg)


def test_every_shipped_config_passes_the_checks(repo_root, tmp_path):
    import glob
    configs = [
        p for p in glob.glob(osp.join(repo_root, 'configs', '**', '*.py'),
                             recursive=True) if '_base_' not in p
    ]
    assert len(configs) > 50
    for path in configs:
        cfg = Config.fromfile(path)
        cfg.work_dir = str(tmp_path)
        check_config(cfg)


def test_work_dir_read_only_or_full(tmp_path, monkeypatch):
    blocker = tmp_path / 'file'
    blocker.write_text('')
    with pytest.raises(ConfigError, match=r'work dir .*file/w: cannot write '
                       r'there \(Not a directory\)'):
        check_work_dir(str(blocker / 'w'))
    import shutil
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, 'Read-only file system')

    monkeypatch.setattr(tempfile, 'TemporaryFile', read_only)
    with pytest.raises(ConfigError, match=r'cannot write there \(Read-only '
                       r'file system\); pass another --work-dir'):
        check_work_dir(str(tmp_path / 'w'))
    monkeypatch.undo()
    monkeypatch.setattr(shutil, 'disk_usage',
                        lambda path: SimpleNamespace(free=3 << 20))
    with pytest.raises(ConfigError, match=r'only 3.0 MiB free on its disk'):
        check_work_dir(str(tmp_path / 'w'))


def test_user_errors_are_one_line():
    full = OSError(errno.ENOSPC, 'No space left on device', 'w/epoch_3.pth')
    assert user_error(full) == ('cannot write w/epoch_3.pth: No space left '
                                'on device')
    worker = OSError('Caught OSError in DataLoader worker process 0.\n'
                     'Original Traceback (most recent call last):\n'
                     '  File "x.py", line 1, in f\n'
                     'OSError: video v: frame f/000003.jpg is empty')
    assert user_error(worker) == 'video v: frame f/000003.jpg is empty'
    assert user_error(KeyError('a bug')) is None
