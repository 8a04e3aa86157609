"""The F3ED configs and the F3AST-on-F3Set configs: every dataset file of
the shipped F3Set subsets loads through them, the class counts agree, and
the TSM F3ED config (with its contextual module) takes a training step and
predicts on tiny random frames."""
import glob
import json
import os
import os.path as osp
import shutil

import cv2
import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, METRICS, MODELS
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.optim import OptimWrapper

from fga.datasets.synthetic import synthrally_classes
from fga.utils.setup_env import register_all_modules

register_all_modules()
ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SHIPPED = osp.join(ROOT, 'tests', 'data', 'annotations', 'f3set')
F3ED = sorted(glob.glob(osp.join(ROOT, 'configs', 'f3ed', 'f3ed_*.py')))
F3AST = sorted(glob.glob(osp.join(ROOT, 'configs', 'f3ast', '*f3set*.py')))


def shipped_folder(cfg) -> str:
    root = cfg.test_dataloader.dataset.data_root
    name = osp.basename(root)
    if name == 'synthrally':
        return None
    return osp.join(SHIPPED, name.replace('f3set-', '') if name in (
        'f3set-finediving', 'f3set-finegym', 'f3set-cctvpipe') else name)


@pytest.mark.parametrize('path', F3ED + F3AST,
                         ids=[osp.basename(p)[:-3] for p in F3ED + F3AST])
def test_datasets_of_every_config_load_the_shipped_files(path):
    cfg = Config.fromfile(path)
    folder = shipped_folder(cfg)
    if folder is None:
        pytest.skip('SynthRally: generated (see the journey test)')
    dataset = cfg.test_dataloader.dataset
    dataset.update(data_root=folder, ann_file='val.json')
    built = DATASETS.build(dataset)
    head = cfg.model.head
    if cfg.model.type == 'F3ED':
        assert head.num_elements == len(built.metainfo['elements'])
    else:
        assert head.num_classes == len(built.metainfo['classes'])
    assert built.get_data_info(0)['gt_sequence'].size > 0


def tiny_data(root):
    os.makedirs(osp.join(root, 'frames', 'v1'))
    src = osp.join(SHIPPED, 'f3set-tennis')
    for name in ('elements.txt', 'events.txt.gz', 'element_groups.json'):
        shutil.copy(osp.join(src, name), osp.join(root, name))
    rng = np.random.default_rng(0)
    for i in range(30):
        cv2.imwrite(osp.join(root, 'frames', 'v1', f'{i:06d}.jpg'),
                    rng.integers(0, 255, (80, 96, 3), dtype=np.uint8))
    record = dict(video='v1', num_frames=30, near_hand='LH', events=[
        dict(frame=4, label='near_deuce_serve_-_-_T_-_in'),
        dict(frame=11, label='far_ad_return_bh_slice_CC_-_in')])
    for split in ('train', 'val', 'test'):
        with open(osp.join(root, f'{split}.json'), 'w') as f:
            json.dump([record], f)


def test_tsm_f3ed_with_context_trains_and_predicts(tmp_path):
    tiny_data(str(tmp_path))
    cfg = Config.fromfile(osp.join(
        ROOT, 'configs', 'f3ed',
        'f3ed_tsm-r50-bigru-ctx_1xb4-96x2-50e_f3set-tennis-rgb.py'))
    assert cfg.model.backbone.num_segments == 96
    assert cfg.load_from.endswith('.pth')
    cfg.model.backbone.num_segments = 8
    cfg.model.head.hidden_channels = 16
    cfg.model.head.context.hidden_channels = 8
    for loader in ('train_dataloader', 'test_dataloader'):
        dataset = cfg[loader].dataset
        dataset.update(data_root=str(tmp_path), clip_len=8, stride=2)
        for step in dataset.pipeline:
            if step['type'] == 'RandomCrop':
                step.update(size=64)
            if step['type'] == 'CenterCrop':
                step.update(crop_size=64)
    train_set = DATASETS.build(cfg.train_dataloader.dataset)
    test_set = DATASETS.build(cfg.test_dataloader.dataset)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    optim = OptimWrapper(torch.optim.AdamW(model.parameters(), lr=1e-3))
    # A window with both events: frames 4 and 11 at stride 2 from -2.
    item = train_set.pipeline(dict(train_set.get_data_info(0),
                                   clip_start=-2))
    assert item['data_samples'].frame_events.tolist() == [
        0, 0, 0, 1, 0, 0, 1, 0
    ]
    assert item['data_samples'].hands.tolist() == [0, 1]
    losses = model.train_step(pseudo_collate([item]), optim)
    assert set(losses) == {'loss', 'loss_event', 'loss_element',
                           'loss_context'}
    assert all(torch.isfinite(v) for v in losses.values())
    model.eval()
    out = model.test_step(pseudo_collate([test_set[0]]))[0]
    assert out.pred_event_probs.shape == (8, 2)
    assert out.pred_element_probs.shape == (8, 29)
    assert torch.allclose(out.pred_event_probs.sum(-1), torch.ones(8))


def test_f3ast_trains_and_scores_on_f3set_files(synthrally_small):
    """F3AST on an F3Set dataset (SynthRally's F3Set view): vocabulary =
    the events, the same windows; one step, then the sequence metric."""
    cfg = Config.fromfile(osp.join(
        ROOT, 'configs', 'f3ast',
        'f3ast_r3d18-quarter_1xb4-64x2-12e_synthrally-rgb.py'))
    cfg.model.backbone.base_channels = 8
    cfg.model.head.update(in_channels=64, d_model=32, num_heads=4,
                          ffn_channels=64, clip_len=8, max_queue=60)
    datasets = {}
    for loader in ('train_dataloader', 'test_dataloader'):
        old = cfg[loader].dataset
        datasets[loader] = DATASETS.build(
            dict(type='F3SetDataset', data_root=synthrally_small,
                 data_prefix=old.data_prefix, ann_file=old.ann_file,
                 pipeline=old.pipeline,
                 test_mode=old.get('test_mode', False),
                 clip_len=8, stride=4, pad_len=2, num_train_clips=4))
    assert datasets['test_dataloader'].metainfo['classes'] == tuple(
        synthrally_classes())
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    optim = OptimWrapper(torch.optim.AdamW(model.parameters(), lr=1e-3))
    losses = model.train_step(
        pseudo_collate([datasets['train_dataloader'][i] for i in range(2)]),
        optim)
    assert torch.isfinite(losses['loss_seq'])
    test_set = datasets['test_dataloader']
    metric = METRICS.build(dict(type='SequenceMetric', with_tolerance=False))
    metric.dataset_meta = test_set.metainfo
    model.eval()
    outputs = model.test_step(pseudo_collate([test_set[i]
                                              for i in range(4)]))
    metric.process(None, [o.to_dict() for o in outputs])
    scores = metric.compute_metrics(metric.results)
    assert set(scores) == {'accuracy', 'edit', 'success_rate', 'mAP'}
    assert 0 <= scores['edit'] <= 100
