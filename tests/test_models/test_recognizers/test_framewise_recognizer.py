import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

import fga  # noqa: F401


def _model(dims):
    backbone = dict(type='ResNet', depth=18, pretrained=None) if dims == 2 \
        else dict(type='ResNet3d', depth=18, pretrained=None,
                  pretrained2d=False, base_channels=8, inflate=(0, 0, 1, 1),
                  conv1_kernel=(1, 7, 7), with_pool2=False)
    return MODELS.build(dict(
        type='FramewiseRecognizer', backbone_dims=dims, backbone=backbone,
        neck=dict(type='FramewiseNeck'),
        head=dict(type='FramewiseSpottingHead',
                  in_channels=512 if dims == 2 else 64, num_classes=5,
                  hidden_channels=8),
        data_preprocessor=dict(type='ActionDataPreprocessor',
                               format_shape='NCTHW')))


@pytest.mark.parametrize('dims', [2, 3])
def test_loss_and_predict(dims):
    torch.manual_seed(0)
    model = _model(dims)
    samples = []
    for b in range(2):
        s = ActionDataSample()
        s.event_positions = torch.tensor([1.0 + b])
        s.event_labels = torch.tensor([b])
        s.valid_mask = torch.tensor([True] * 5 + [False])
        s.set_metainfo(dict(clip_start=0, stride=1))
        samples.append(s)
    data = dict(inputs=[torch.randint(0, 255, (1, 3, 6, 32, 32),
                                      dtype=torch.uint8) for _ in range(2)],
                data_samples=samples)
    batch = model.data_preprocessor(data, training=True)
    losses = model(**batch, mode='loss')
    assert losses['loss_cls'].requires_grad and losses['loss_cls'] > 0
    losses['loss_cls'].backward()
    assert model.backbone.conv1.conv.weight.grad is not None
    logits = model(batch['inputs'], batch['data_samples'], mode='tensor')
    assert logits.shape == (2, 6, 6)
    model.eval()
    out = model(**model.data_preprocessor(data), mode='predict')
    for s in out:
        assert s.pred_scores.shape == (len(s.pred_labels), 5)
        # Padded frames never produce events.
        assert (s.pred_event_frames < 5).all()


def test_rejects_several_clips():
    model = _model(2)
    with pytest.raises(ValueError, match='one clip per sample'):
        model.extract_feat(torch.zeros(1, 2, 3, 4, 32, 32))
