"""IBM's backbones (S3D, I3D-InceptionV1, InceptionV1 TSN/TAM, TAM-ResNet):
converted checkpoints reproduce the reference's logits, and parameter counts
equal the reference's.

``tests/data/ibm_reference_tiny.pth`` holds, per model, the official
parameter names and shapes and the logits of IBM's own code on weights and
clips generated from fixed seeds (``conftest.py`` here and
``tests/data/README.md``).
"""
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS

from fga.models.converters import convert_ibm_state_dict

ROOT = osp.dirname(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))


def head_3d(classes=5):
    return dict(
        type='I3DHead',
        num_classes=classes,
        in_channels=1024,
        dropout_ratio=0.0)


def head_2d(in_channels, segments, classes=5):
    # Averages the backbone's output frames per video, as IBM's 2D models.
    return dict(
        type='TSMHead',
        num_classes=classes,
        in_channels=in_channels,
        num_segments=segments,
        is_shift=True,
        dropout_ratio=0.0)


CASES = {
    'i3d': (dict(type='I3DInception'), head_3d()),
    's3d_dw_avg': (dict(type='S3D', depthwise_temporal=True,
                        pooling='avg'), head_3d()),
    's3d_no_stride': (dict(type='S3D', temporal_stride=False), head_3d()),
    'tsn_inception_v1_tp':
    (dict(type='InceptionV1', num_segments=8,
          temporal_pool='max'), head_2d(1024, 1)),
    'tam_inception_v1': (dict(type='InceptionV1TAM',
                              num_segments=8), head_2d(1024, 8)),
    'tam_resnet18_b5_max_allc': (dict(
        type='ResNetTAM',
        depth=18,
        num_segments=8,
        tam=dict(blending_frames=5, blending_method='max',
                 depthwise=False)), head_2d(512, 8)),
    'tam_resnet50_tp_avg':
    (dict(type='ResNetTAM', depth=50, num_segments=16,
          temporal_pool='avg'), head_2d(2048, 2)),
}


def build(backbone, head):
    three_d = head['type'] == 'I3DHead'
    return MODELS.build(
        dict(
            type='Recognizer3D' if three_d else 'Recognizer2D',
            backbone=backbone,
            cls_head=head)).eval()


@pytest.mark.parametrize('name', list(CASES))
def test_converted_reference_weights_give_the_reference_logits(
        name, ibm_reference, reference_weights):
    case = ibm_reference[name]
    model = build(*CASES[name])
    converted, _ = convert_ibm_state_dict(reference_weights(name))
    model.load_state_dict(converted, strict=True)
    frames = case['num_frames']
    g = torch.Generator().manual_seed(1000 + list(CASES).index(name))
    clip = torch.randn((2, frames, 3, 32, 32), generator=g)
    # the clip generator still produces the reference's clip
    assert torch.equal(clip.flatten()[:8], case['input_head'])
    with torch.no_grad():
        if isinstance(model.cls_head, MODELS.get('I3DHead')):
            logits = model.cls_head(model.backbone(clip.transpose(1, 2)))
        else:
            logits = model.cls_head(
                model.backbone(clip.flatten(0, 1)), num_segs=frames)
    assert logits.shape == case['logits'].shape
    assert torch.allclose(logits, case['logits'], atol=1e-5, rtol=0)
    assert sum(p.numel() for p in model.parameters()) == case['num_params']


@pytest.mark.parametrize('name,backbone,in_channels', [
    ('i3d', dict(type='I3DInception'), None),
    ('s3d', dict(type='S3D'), None),
    ('tsn_inception_v1', dict(type='InceptionV1'), 1024),
    ('tam_inception_v1', dict(type='InceptionV1TAM'), 1024),
    ('tsn_resnet50', dict(type='ResNetTAM', depth=50, tam=None), 2048),
    ('tam_resnet50', dict(type='ResNetTAM', depth=50), 2048),
])
def test_parameter_counts_at_400_classes(name, backbone, in_channels,
                                         ibm_reference):
    head = (
        head_3d(400) if in_channels is None else head_2d(in_channels, 8, 400))
    model = build(backbone, head)
    count = sum(p.numel() for p in model.parameters())
    assert count == ibm_reference['num_params_400'][name]


def test_design_doc_parameter_counts(ibm_reference):
    # C.7 of recognition.md, in millions (400 classes)
    expected = dict(
        i3d=12.70,
        s3d=8.31,
        tsn_inception_v1=6.01,
        tam_inception_v1=6.03,
        tsn_resnet50=24.33,
        tam_resnet50=24.37)
    counts = ibm_reference['num_params_400']
    for name, millions in expected.items():
        assert round(counts[name] / 1e6, 2) == millions


def test_unknown_keys_are_an_error(reference_weights):
    weights = reference_weights('tam_resnet18_b5_max_allc')
    weights['layer1.0.se.weight'] = torch.zeros(1)
    with pytest.raises(KeyError, match='layer1.0.se.weight'):
        convert_ibm_state_dict(weights)


def test_tam_resnet_keeps_the_identity_path_unaggregated():
    model = MODELS.build(
        dict(
            type='ResNetTAM',
            depth=18,
            num_segments=2,
            num_stages=1,
            strides=(1, ),
            dilations=(1, ),
            out_indices=(0, )))
    model.eval()
    block = model.layer1[0]
    for branch in block.conv1.tam.branches:
        torch.nn.init.zeros_(branch.weight)
    x = torch.rand(2, 64, 4, 4)
    # a silenced TAM zeroes the residual branch's input only
    branch = block.conv2(block.conv1(torch.zeros_like(x)))
    with torch.no_grad():
        assert torch.allclose(block(x), torch.relu(branch + x))


@pytest.mark.parametrize('divide', [False, True])
def test_s3d_inflates_a_2d_googlenet_checkpoint(tmp_path, divide):
    # torchvision's GoogLeNet names are InceptionV1's (plus fc/aux heads)
    state_2d = MODELS.build(dict(type='InceptionV1')).state_dict()
    state_2d['fc.weight'] = torch.zeros(1000, 1024)
    path = str(tmp_path / 'googlenet.pth')
    torch.save(state_2d, path)
    model = MODELS.build(
        dict(type='S3D', pretrained2d=path, inflate_divide=divide))
    scratch = MODELS.build(dict(type='S3D'))
    torch.manual_seed(0)
    model.init_weights()
    torch.manual_seed(0)
    scratch.init_weights()
    stem = model.conv1.conv.weight
    assert stem.shape == (64, 3, 3, 7, 7)
    scale = 1 / 3 if divide else 1
    for t in range(3):
        assert torch.allclose(stem[:, :, t],
                              state_2d['conv1.conv.weight'] * scale)
    assert torch.equal(model.inception4a.branch2[1].conv.weight[:, :, 0],
                       state_2d['inception4a.branch2.1.conv.weight'])
    # temporal convs have no 2D counterpart: initialised as from scratch
    assert torch.equal(model.conv3.conv_t.weight, scratch.conv3.conv_t.weight)


def test_s3d_gating_is_an_extra_sigmoid_gate_per_branch():
    plain = MODELS.build(dict(type='S3D'))
    gated = MODELS.build(dict(type='S3D', gating=True))
    extra = sum(p.numel()
                for p in gated.parameters()) - sum(p.numel()
                                                   for p in plain.parameters())
    # one C×C + C linear layer after conv3 and per Inception branch output
    widths = [192] + [
        c for name in gated.blocks
        for c in (getattr(gated, name).branch1.conv.out_channels,
                  getattr(gated, name).branch2[1].conv_t.out_channels,
                  getattr(gated, name).branch3[1].conv_t.out_channels,
                  getattr(gated, name).branch4[1].conv.out_channels)
    ]
    assert extra == sum(c * c + c for c in widths)
    gated.eval()
    with torch.no_grad():
        out = gated(torch.randn(1, 3, 8, 32, 32))
    assert out.shape == (1, 1024, 1, 1, 1)


def test_bad_pooling_option():
    with pytest.raises(ValueError, match='pooling'):
        MODELS.build(dict(type='I3DInception', pooling='median'))


def test_tam_resnet_loads_torchvision_weights_and_initialises_tams(
        torchvision_resnet18):
    path, weights = torchvision_resnet18
    model = MODELS.build(
        dict(
            type='ResNetTAM',
            depth=18,
            pretrained=path,
            torchvision_pretrain=True))
    torch.manual_seed(0)
    model.init_weights()
    assert torch.equal(model.layer3[1].conv2.conv.weight,
                       weights['layer3.1.conv2.weight'])
    assert torch.equal(model.layer2[0].downsample.bn.running_var,
                       weights['layer2.0.downsample.1.running_var'])
    # He normal (fan out = C for PyTorch's depthwise weights), as IBM;
    # PyTorch's default would be uniform with std 1/sqrt(3)
    scales = torch.cat(
        [b.weight.flatten() for b in model.layer4[1].conv1.tam.branches])
    assert abs(scales.std().item() / (2 / 512)**0.5 - 1) < 0.1
