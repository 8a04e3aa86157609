"""IBM checkpoints: the ``arch`` string's settings against fga configs, and
I3D-ResNet (IBM's naming) onto MMAction2's ResNet3d with equal logits."""
import os.path as osp

import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.config import Config
from torch import nn

from fga.models.converters import (compare_ibm_settings,
                                   convert_ibm_checkpoint,
                                   ibm_settings_of_config,
                                   matching_ibm_configs, parse_ibm_arch)
from tests.test_journeys.journey import REPO_ROOT, ToolFailed, run_tool

RECOGNITION = osp.join(REPO_ROOT, 'configs', 'recognition')
I3D_R50 = osp.join(RECOGNITION, 'i3d',
                   'i3d_imagenet-inflated-r50_8xb8-32x2x1-50e_kinetics400-'
                   'rgb.py')
TAM_R50 = osp.join(RECOGNITION, 'tam',
                   'tam_imagenet-pretrained-r50_8xb8-32x2x1-50e_kinetics400-'
                   'rgb.py')


def test_parse_names_as_ibm_writes_them():
    assert parse_ibm_arch('kinetics400-rgb-i3d-resnet-50-f32') == dict(
        dataset='kinetics400', modality='rgb', num_classes=400,
        backbone='i3d_resnet', depth=50, tam=None, temporal_stride=False,
        pooling=None, depthwise_temporal=False, frames=32)
    tam = parse_ibm_arch(
        'mini_st2stv2-rgb-TAM-b5-max-allc-resnet-101-ts-avg-f8-cosine-'
        'syncbn-bs64-e75')
    assert (tam['num_classes'], tam['backbone'], tam['depth'], tam['tam'],
            tam['temporal_stride'], tam['pooling'], tam['frames']) == (
                87, 'resnet', 101,
                dict(blending_frames=5, blending_method='max',
                     depthwise=False), True, 'avg', 8)
    s3d = parse_ibm_arch('moments-flow-s3d-dw-t-conv-ts-max-f16')
    assert (s3d['backbone'], s3d['depthwise_temporal'], s3d['pooling'],
            s3d['num_classes']) == ('s3d', True, 'max', 339)
    assert parse_ibm_arch('kinetics400-rgb-i3d-resnet-50-ts-f32')[
        'temporal_stride'] is True
    for bad in ('kinetics400-rgb-i3d-resnet-50-ts-max-f32',
                'kinetics400-rgb-resnet-50-ts-f8', 'resnet50_tp_avg',
                'kinetics400-rgb-TAM-b3-sum-i3d_v2-f32'):
        with pytest.raises(ValueError, match='arch'):
            parse_ibm_arch(bad)


def test_config_comparison_names_setting_and_key():
    i3d = ibm_settings_of_config(Config.fromfile(I3D_R50))
    assert i3d['temporal_stride'] == (False,
                                      'model.backbone.temporal_strides')
    assert compare_ibm_settings(
        parse_ibm_arch('kinetics400-rgb-i3d-resnet-50-f32'), i3d) == []
    assert compare_ibm_settings(
        parse_ibm_arch('mini_kinetics400-rgb-i3d-resnet-101-ts-f16'),
        i3d) == [
            'num classes: the checkpoint has 200, model.cls_head.'
            'num_classes gives 400',
            'frames: the checkpoint has 16, val_dataloader.dataset.'
            'pipeline.0 gives 32',
            'depth: the checkpoint has 101, model.backbone.depth gives 50',
            'temporal stride: the checkpoint has on, model.backbone.'
            'temporal_strides gives off'
        ]
    tam = ibm_settings_of_config(Config.fromfile(TAM_R50))
    assert compare_ibm_settings(
        parse_ibm_arch('kinetics400-rgb-TAM-b3-sum-resnet-50-ts-max-f32'),
        tam) == ['temporal stride: the checkpoint has on, '
                 'model.backbone.temporal_pool gives off']
    assert compare_ibm_settings(
        parse_ibm_arch('kinetics400-rgb-i3d_v2-f32'), tam) == [
            "backbone: the checkpoint has 'i3d', model.backbone.type gives "
            "'resnet'"
        ]
    assert matching_ibm_configs(
        parse_ibm_arch('kinetics400-rgb-TAM-b3-sum-resnet-50-f32'),
        [I3D_R50, TAM_R50]) == [TAM_R50]


class IBMBottleneck(nn.Module):
    """IBM's 3D Bottleneck (models/threed_models/i3d_resnet.py)."""

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv3d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm3d(planes)
        self.conv2 = nn.Conv3d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm3d(planes)
        self.conv3 = nn.Conv3d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm3d(planes * 4)
        self.downsample = downsample

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(out + identity)


class IBMI3DResNet50(nn.Module):
    """IBM's I3D_ResNet at depth 50 with a narrower width (``width`` for
    its 64) so the test runs in seconds."""

    def __init__(self, width, num_classes, t_stride):
        super().__init__()
        self.conv1 = nn.Conv3d(3, width, (3, 7, 7), (1, 2, 2), (1, 3, 3),
                               bias=False)
        self.bn1 = nn.BatchNorm3d(width)
        inplanes = width
        for index, blocks in enumerate((3, 4, 6, 3)):
            planes, stride = width * 2**index, 1 if index == 0 else 2
            strides = ((t_stride if stride == 2 else 1), stride, stride)
            downsample = nn.Sequential(
                nn.Conv3d(inplanes, planes * 4, 1, strides, bias=False),
                nn.BatchNorm3d(planes * 4))
            layer = [IBMBottleneck(inplanes, planes, strides, downsample)]
            inplanes = planes * 4
            layer += [IBMBottleneck(inplanes, planes, 1, None)
                      for _ in range(1, blocks)]
            setattr(self, f'layer{index + 1}', nn.Sequential(*layer))
        self.fc = nn.Linear(inplanes, num_classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool3d(x, (1, 3, 3), (1, 2, 2), (0, 1, 1))
        for index in range(1, 5):
            x = getattr(self, f'layer{index}')(x)
        x = F.adaptive_avg_pool3d(x, (x.shape[2], 1, 1)).flatten(2)
        return self.fc(x.transpose(1, 2)).mean(1)


def _randomise(model):
    torch.manual_seed(0)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm3d):
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)
            module.running_mean.uniform_(-0.2, 0.2)
            module.running_var.uniform_(0.5, 1.5)
    return model.eval()


def _fga_model(temporal_strides):
    cfg = Config.fromfile(I3D_R50).model
    cfg.backbone.update(pretrained=None, base_channels=4,
                        temporal_strides=temporal_strides)
    cfg.cls_head.update(num_classes=5, in_channels=128)
    return MODELS.build(cfg).eval()


@pytest.mark.parametrize('t_stride', [1, 2], ids=['released', 'ts'])
def test_i3d_resnet_converts_with_equal_logits(t_stride):
    ibm = _randomise(IBMI3DResNet50(4, 5, t_stride))
    arch = 'kinetics400-rgb-i3d-resnet-50' + ('-ts' if t_stride == 2 else
                                              '') + '-f8'
    checkpoint = dict(arch=arch, state_dict={
        f'module.{k}': v for k, v in ibm.state_dict().items()})
    state_dict, meta = convert_ibm_checkpoint(checkpoint)
    assert (meta['ibm_arch'], meta['backbone']) == ('i3d_resnet', 'ResNet3d')
    assert 'backbone.layer3.5.conv2.conv.weight' in state_dict

    strides = (1, t_stride, t_stride, t_stride)
    model = _fga_model(strides)
    model.load_state_dict(state_dict, strict=True)
    clip = torch.randn(2, 3, 8, 32, 32)
    with torch.no_grad():
        expected = ibm(clip)
        logits = model.cls_head(model.backbone(clip))
        assert torch.allclose(logits, expected, atol=1e-5)
        # The stride has no parameters: the other setting loads as well and
        # gives other logits, which is why the converter reads "arch".
        other = _fga_model((1, 3 - t_stride, 3 - t_stride, 3 - t_stride))
        other.load_state_dict(state_dict, strict=True)
        assert not torch.allclose(other.cls_head(other.backbone(clip)),
                                  expected, atol=1e-3)


def test_tool_refuses_a_config_that_differs(tmp_path):
    ibm = IBMI3DResNet50(4, 5, 2)
    src, dst = tmp_path / 'model_best.pth.tar', tmp_path / 'out.pth'
    torch.save(dict(epoch=50, arch='kinetics400-rgb-i3d-resnet-50-ts-f32-'
                    'cosine-bs64-e50', state_dict=ibm.state_dict()), src)
    with pytest.raises(ToolFailed) as err:
        run_tool('convert/ibm_to_fga.py', src, dst, '--config', I3D_R50)
    message = str(err.value)
    assert "arch 'kinetics400-rgb-i3d-resnet-50-ts-f32-cosine-bs64-e50' " \
        'does not match' in message
    assert ('temporal stride: the checkpoint has on, '
            'model.backbone.temporal_strides gives off') in message
    assert not dst.exists()

    torch.save(dict(arch='kinetics400-rgb-i3d-resnet-50-f32',
                    state_dict=ibm.state_dict()), src)
    out = run_tool('convert/ibm_to_fga.py', src, dst, '--config', I3D_R50)
    assert 'of i3d_resnet' in out and 'backbone type ResNet3d' in out
    meta = torch.load(dst, weights_only=True)['meta']
    assert meta['ibm_settings']['frames'] == 32

    torch.save(dict(state_dict=ibm.state_dict()), src)
    with pytest.raises(ToolFailed, match='records no "arch"'):
        run_tool('convert/ibm_to_fga.py', src, dst, '--config', I3D_R50)
