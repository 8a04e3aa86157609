"""The CPU F3AST recipe of the main job builds and trains end to end."""
import os.path as osp

import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.config import Config

import fga  # noqa: F401
from fga.models import CoordCNN, TemporalConvNeck

ROOT = osp.dirname(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))
CONFIG = osp.join(ROOT, 'configs', 'f3ast',
                  'f3ast_coordcnn_1xb8-64x2-8e_synthrally-rgb.py')


def _sample(labels, positions):
    s = ActionDataSample()
    s.event_labels = torch.tensor(labels)
    s.event_positions = torch.tensor(positions, dtype=torch.float)
    s.valid_mask = torch.arange(64) < 40
    s.set_metainfo(dict(video='v', clip_start=0, stride=2))
    return s


def test_config_builds_and_trains_one_step():
    cfg = Config.fromfile(CONFIG)
    assert cfg.model.backbone_dims == 2
    assert cfg.train_dataloader.dataset.clip_len == cfg.model.head.clip_len
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    assert isinstance(model.backbone, CoordCNN)
    assert isinstance(model.neck, TemporalConvNeck)
    assert model.neck.spatial == 'soft_argmax'
    frames = torch.randint(0, 255, (1, 3, 64, 64, 96), dtype=torch.uint8)
    data = dict(inputs=[frames, frames],
                data_samples=[_sample([3, 17], [5.0, 20.0]),
                              _sample([0], [9.0])])
    batch = model.data_preprocessor(data, training=True)
    # The neck's input size matches the backbone's map on 64 x 96 frames.
    assert model.extract_feat(batch['inputs']).shape == (2, 64, 128)
    losses = model(**batch, mode='loss')
    assert set(losses) == {'loss_seq', 'loss_attention', 'loss_frame'}
    sum(losses.values()).backward()
    assert model.backbone.layers[0].weight.grad.abs().sum() > 0
    model.eval()
    out = model(**model.data_preprocessor(data), mode='predict')
    assert all(len(s.pred_labels) <= cfg.model.head.max_seq_len for s in out)
