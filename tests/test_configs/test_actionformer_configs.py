"""ActionFormer configs: each real-dataset recipe builds, runs inference on
random features of its channel count, and carries the reference's values;
the schedule reproduces the reference's weight-decay groups."""
import glob
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(glob.glob(osp.join(ROOT, 'configs', 'actionformer', '*.py')))

# config stem fragment: (input channels, classes, max_seq_len, tIoUs)
EXPECTED = {
    'thumos14': (2048, 20, 2304, [0.3, 0.4, 0.5, 0.6, 0.7]),
    'activitynet': (512, 1, 192, [0.5 + 0.05 * i for i in range(10)]),
    'verb': (2304, 97, 2304, [0.1, 0.2, 0.3, 0.4, 0.5]),
    'noun': (2304, 300, 2304, [0.1, 0.2, 0.3, 0.4, 0.5]),
    'fineaction': (2048, 106, 2304, [0.5 + 0.05 * i for i in range(10)]),
    'synthfeat': (32, 8, 576, [0.3, 0.4, 0.5, 0.6, 0.7]),
}


def _expected(path):
    for key, value in EXPECTED.items():
        if key in osp.basename(path):
            return value
    raise AssertionError(f'no expectation for {path}')


@pytest.mark.parametrize('path', CONFIGS,
                         ids=[osp.basename(p) for p in CONFIGS])
def test_recipe_builds_and_runs(path):
    channels, classes, max_seq_len, tious = _expected(path)
    cfg = Config.fromfile(path)
    assert cfg.model.max_seq_len == max_seq_len
    assert cfg.test_evaluator.tiou_thresholds == pytest.approx(tious)
    loader_channels = [
        t['in_channels'] for t in cfg.train_dataloader.dataset.pipeline
        if t['type'] == 'LoadFeature'
    ]
    assert loader_channels == [channels]
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    assert model.head.num_classes == classes
    model.eval()
    with torch.no_grad():
        logits, offsets = model([torch.randn(100, channels)], mode='tensor')
    assert logits[0].shape[-1] == classes and offsets[0].shape[-1] == 2


def test_thumos_recipe_values():
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', 'actionformer',
                 'actionformer_convtransformer_1xb2-35e_thumos14-i3d-'
                 'feature.py'))
    assert cfg.train_dataloader.batch_size == 2
    assert cfg.train_dataloader.dataset.subsets == ['validation']
    assert cfg.test_dataloader.dataset.subsets == ['test']
    assert cfg.optim_wrapper.optimizer.lr == 1e-4
    assert cfg.train_cfg.max_epochs == 35
    head = cfg.model.head
    assert head.test_cfg.max_seg_num == 200 and head.test_cfg.sigma == 0.5
    assert head.init_loss_norm == 100
    assert cfg.custom_hooks[0].momentum == 0.001


def test_weight_decay_groups_match_the_reference():
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', 'actionformer',
                 'actionformer_convtransformer_1xb2-35e_thumos14-i3d-'
                 'feature.py'))
    model = MODELS.build(cfg.model)
    wrapper = build_optim_wrapper(model, cfg.optim_wrapper)
    decayed = [g for g in wrapper.optimizer.param_groups
               if g['weight_decay'] > 0]
    plain = [g for g in wrapper.optimizer.param_groups
             if g['weight_decay'] == 0]
    assert len(decayed) == 71 and len(plain) == 158
    assert sum(p.numel() for g in decayed
               for p in g['params']) == 29_164_032
    assert sum(p.numel() for g in plain for p in g['params']) == 87_580
