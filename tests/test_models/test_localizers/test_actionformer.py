"""ActionFormer: sizes and key layout of the reference model, equivalence
with the release on the tiny fixture, padding invariance, loss/predict."""
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.structures import InstanceData

from fga.annotations import grid_to_seconds
from fga.models.converters import convert_actionformer_state_dict

ROOT = osp.dirname(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))

FIXTURE = osp.join(ROOT, 'tests', 'data', 'actionformer_reference_tiny.pth')


def build(in_channels=2048,
          dims=512,
          num_classes=20,
          max_seq_len=2304,
          num_heads=4,
          **backbone):
    return MODELS.build(
        dict(
            type='ActionFormer',
            max_seq_len=max_seq_len,
            backbone=dict(
                type='ConvTransformerBackbone',
                in_channels=in_channels,
                embed_dims=dims,
                num_heads=num_heads,
                **backbone),
            neck=dict(
                type='FPNIdentity', in_channels=[dims] * 6, out_channels=dims),
            head=dict(
                type='ActionFormerHead',
                num_classes=num_classes,
                in_channels=dims,
                feat_channels=dims)))


def test_reference_sizes_and_key_layout():
    model = build()
    params = dict(model.named_parameters())
    assert sum(p.numel() for p in params.values()) == 29_251_612
    assert sum(p.numel() for k, p in params.items()
               if k.startswith('backbone.')) == 26_061_824
    assert sum(p.numel() for k, p in params.items()
               if k.startswith('head.cls_head.')) == 1_605_652
    assert len(params) == 229 and model.max_div_factor == 576
    shapes = {k: tuple(v.shape) for k, v in params.items()}
    assert shapes['backbone.embd.0.conv.weight'] == (512, 2048, 3)
    assert shapes['backbone.stem.0.attn.query_conv.conv.weight'] == (512, 1, 3)
    assert shapes['backbone.branch.4.mlp.0.weight'] == (2048, 512, 1)
    assert shapes['backbone.branch.4.drop_path_mlp.scale'] == (1, 512, 1)
    assert shapes['neck.fpn_norms.5.weight'] == (1, 512, 1)
    assert shapes['head.cls_head.cls_head.conv.weight'] == (20, 512, 3)
    assert shapes['head.reg_head.scale.5.scale'] == ()
    assert shapes['head.reg_head.offset_head.conv.weight'] == (2, 512, 3)
    bias = model.head.cls_head.cls_head.conv.bias
    assert torch.allclose(bias, torch.full_like(bias, -4.59512), atol=1e-5)


@pytest.mark.parametrize('name,backbone,length', [
    ('local', dict(), 576),
    ('global_pe', dict(
        window_size=[7] * 5 + [-1], use_abs_pe=True, max_len=192), 192),
])
def test_equivalence_with_release(name, backbone, length):
    reference = torch.load(FIXTURE, weights_only=True)[name]
    assert all(k.startswith('module.') for k in reference['state_dict'])
    model = build(24, 16, 5, length, num_heads=2, **backbone)
    model.load_state_dict(
        convert_actionformer_state_dict(reference['state_dict']), strict=True)
    model.eval()
    x, short = reference['inputs'], int(reference['lengths'][1])
    with torch.no_grad():
        logits, offsets = model([x[0].T, x[1, :, :short].T], mode='tensor')
    for ours, theirs, stride in zip(logits + offsets,
                                    reference['logits'] + reference['offsets'],
                                    [1, 2, 4, 8, 16, 32] * 2):
        valid = short // stride
        torch.testing.assert_close(ours[0], theirs[0], atol=1e-5, rtol=0)
        torch.testing.assert_close(
            ours[1, :valid], theirs[1, :valid], atol=1e-5, rtol=0)


def test_converter_rejects_unknown_keys():
    with pytest.raises(KeyError, match='no fga counterpart'):
        convert_actionformer_state_dict({
            'module.backbone.x': torch.zeros(1),
            'module.point_generator.buffer': torch.zeros(1)
        })


def test_padding_does_not_change_outputs():
    torch.manual_seed(0)
    model = build(24, 16, 3, 576)
    model.eval()
    x = torch.randn(24, 700)
    with torch.no_grad():
        feats, masks = model.neck(*model.backbone(
            torch.nn.functional.pad(x, (0, 1152 - 700))[None],
            torch.arange(1152)[None] < 700))
        logits_1152, _ = model.head(feats, masks)
        feats, masks = model.neck(*model.backbone(
            torch.nn.functional.pad(x, (0, 2304 - 700))[None],
            torch.arange(2304)[None] < 700))
        logits_2304, _ = model.head(feats, masks)
    for a, b, stride in zip(logits_1152, logits_2304, [1, 2, 4, 8, 16, 32]):
        valid = -(-700 // stride)
        torch.testing.assert_close(
            a[0, :valid], b[0, :valid], atol=1e-4, rtol=0)


def test_test_padding_is_to_max_div_factor():
    model = build(24, 16, 3, 576)
    model.eval()
    feats, mask = model.pad_inputs([torch.randn(3000, 24)])
    assert feats.shape[-1] == 3456 and mask.sum() == 3000
    model.train()
    with pytest.raises(ValueError, match='RandomFeatureTruncate'):
        model.pad_inputs([torch.randn(600, 24)])


def test_invalid_max_seq_len():
    with pytest.raises(ValueError, match='multiple of 576'):
        build(24, 16, 3, 1000)


def _sample(segments, labels, **meta):
    """Ground truth given on the feature grid, stored in seconds."""
    geometry = dict(fps=30.0, feat_stride=4, feat_num_frames=16)
    sample = ActionDataSample()
    sample.gt_instances = InstanceData(
        segments=grid_to_seconds(torch.tensor(segments, dtype=torch.float32),
                                 30.0, 4, 16),
        labels=torch.tensor(labels))
    sample.set_metainfo(dict(video_id='v', duration=20.0, **geometry, **meta))
    return sample


def test_loss_and_predict():
    torch.manual_seed(0)
    model = build(24, 16, 3, 576)
    inputs = [torch.randn(300, 24), torch.randn(576, 24)]
    samples = [_sample([[10, 50], [100, 103]], [0, 2]), _sample([[5, 9]], [1])]
    losses = model(inputs, samples, mode='loss')
    assert set(losses) == {'loss_cls', 'loss_reg'}
    total = sum(losses.values())
    total.backward()
    assert torch.isfinite(total) and total > 0
    assert all(
        torch.isfinite(p.grad).all() for p in model.parameters()
        if p.grad is not None)
    # the running normaliser moved from 100 towards the positive count
    assert 10 < float(model.head.loss_normalizer) < 100
    model.eval()
    with torch.no_grad():
        out = model([torch.randn(150, 24)], [_sample([[1, 2]], [0])],
                    mode='predict')
    pred = out[0].pred_instances
    assert 0 < len(pred.scores) <= 200
    assert pred.segments.min() >= 0 and pred.segments.max() <= 20.0
    assert (pred.scores[:-1] >= pred.scores[1:]).all()
