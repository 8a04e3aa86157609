import glob
import json
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(glob.glob(osp.join(ROOT, 'configs', 'haan', '*.py')))


def _config(name):
    return Config.fromfile(osp.join(ROOT, 'configs', 'haan', name))


@pytest.mark.parametrize('name,dataset', [
    ('haan_mlp_1xb2-200e_finegym-i3d-feature.py', 'FineGym'),
    ('haan_mlp_1xb2-50e_fineaction-i3d-feature.py', 'FineAction'),
])
def test_hierarchy_matches_the_real_mapping(annotation_data, name, dataset):
    cfg = _config(name)
    with open(osp.join(annotation_data, 'haan', dataset,
                       'fine_to_coarse_mappings.json')) as f:
        mapping = json.load(f)
    assert cfg.model.head.fine_to_coarse == [
        mapping[str(i)] for i in range(len(mapping))
    ]


def test_reference_recipes():
    gym = _config('haan_mlp_1xb2-200e_finegym-i3d-feature.py')
    action = _config('haan_mlp_1xb2-50e_fineaction-i3d-feature.py')
    assert gym.optim_wrapper.optimizer == dict(type='Adam', lr=3e-5)
    assert gym.train_dataloader.batch_size == 2
    assert gym.train_cfg.max_epochs == 200
    assert action.train_cfg.max_epochs == 50
    assert gym.model.head.loss_weights == (1.0, 0.001, 0.01, 0.1)
    assert action.model.head.loss_weights == (1.0, 0.001, 0.01, 1.0)
    assert action.model.head.coarse_pooling == 'max'
    assert gym.custom_hooks[0].sample_rate == 0.1
    assert action.custom_hooks[0].sample_rate == 0.03
    assert gym.test_evaluator.tiou_thresholds == pytest.approx(
        [0.1 + 0.05 * i for i in range(9)])
    assert action.test_evaluator.tiou_thresholds == pytest.approx(
        [0.5 + 0.05 * i for i in range(10)])
    assert (action.model.head.test_cfg.alpha,
            action.model.head.test_cfg.kmax_mod_factor) == (-0.8, 4)
    # model selection on held-out training videos, never on test
    assert gym.val_dataloader.dataset.split == 'val'
    assert gym.val_dataloader.dataset.val_fraction > 0


@pytest.mark.parametrize('path', CONFIGS,
                         ids=[osp.basename(p) for p in CONFIGS])
def test_models_build_and_run(path):
    cfg = Config.fromfile(path)
    model = MODELS.build(cfg.model)
    model.eval()
    channels = cfg.model.head.in_channels
    with torch.no_grad():
        cas = model([torch.randn(12, channels)], mode='tensor')
    assert cas.shape == (1, 12, cfg.model.head.num_classes)


def test_baseline_is_the_same_model_without_hierarchy():
    haan = _config('haan_mlp-d64_1xb2-40e_synthweak.py')
    base = _config('haan_mlp-d64-mil-baseline_1xb2-40e_synthweak.py')
    assert base.model.head.loss_weights == (1.0, 0.0, 0.0, 0.0)
    assert base.custom_hooks == []
    for key in ('in_channels', 'embed_channels', 'num_classes', 'dropout'):
        assert base.model.head[key] == haan.model.head[key]
