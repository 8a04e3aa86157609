"""Every config parses and builds; the real-dataset configs load the real
annotation files."""
import glob
import os.path as osp
import warnings

import pytest
import torch
from mmaction.registry import DATASETS, MODELS
from mmengine.config import Config

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    glob.glob(osp.join(ROOT, 'configs', '**', '*.py'), recursive=True) +
    glob.glob(osp.join(ROOT, 'projects', '*', 'configs', '*.py')))


@pytest.mark.parametrize('path', CONFIGS,
                         ids=[osp.relpath(p, ROOT) for p in CONFIGS])
def test_config_parses(path):
    cfg = Config.fromfile(path)
    # _base_ model files leave dataset-specific fields (num_classes) open.
    if 'model' in cfg and '_base_' not in path:
        model = MODELS.build(cfg.model)
        assert sum(p.numel() for p in model.parameters()) > 0


# dataset config, shared folder, expected evaluation clips (val, test)
REAL = [
    ('finetennis', 'finetennis', (2117, 2515), 'FineTennisDataset', 52),
    ('badmintondb', 'badmintonDB', (155, 228), 'BadmintonDBDataset', 0),
    ('finediving', 'finediving', (450, 749), 'FineDivingDataset', 0),
    ('finegym', 'finegym', (3638, 4646), 'FineGymDataset', 0),
]


@pytest.mark.parametrize('name,folder,clips,dataset_type,pairs', REAL,
                         ids=[r[0] for r in REAL])
def test_real_dataset_configs(annotation_data, name, folder, clips,
                              dataset_type, pairs):
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', '_base_', 'datasets', 'sequence',
                 f'{name}.py'))
    for loader, expected in zip(('val_dataloader', 'test_dataloader'),
                                clips):
        dataset_cfg = cfg[loader].dataset
        assert dataset_cfg.type == dataset_type
        assert (dataset_cfg.clip_len, dataset_cfg.stride) == (128, 3)
        dataset_cfg.data_root = f'{annotation_data}/f3ast/{folder}'
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            dataset = DATASETS.build(dataset_cfg)
        assert len(dataset) == expected
        assert len(dataset.metainfo['tolerance_pairs']) == pairs


def test_example_project_head():
    cfg = Config.fromfile(osp.join(
        ROOT, 'projects', 'example_project', 'configs',
        'spotting_r3d18-tcn_1xb4-8e_synthrally-rgb.py'))
    import importlib
    importlib.import_module('projects.example_project.models')
    head = MODELS.build(cfg.model.head)
    out = head(torch.randn(2, 16, 256), torch.ones(2, 16, dtype=torch.bool))
    assert out.shape == (2, 16, 41)
