"""Checkpoints of ``IBM/action-recognition-pytorch`` (Chen et al., CVPR
2021) → fga.

Handles the backbones MMAction2 lacks: ``i3d`` → ``I3DInception``, ``s3d``
→ ``S3D``, ``inception_v1`` → ``InceptionV1`` / ``InceptionV1TAM`` and
``resnet`` (TSN / TAM) → ``ResNetTAM``; the classifier ``fc`` becomes
``cls_head.fc_cls`` (``I3DHead`` for 3D models, ``TSMHead`` for 2D ones).
Inception models keep their names; ResNets take MMAction2's
(``conv1.conv``, ``conv1.bn``, ``downsample.conv``…); TAM branches
(``prev_se``/``curr_se``/``next_se`` or ``blending_layers.i``) become
``branches.0…r−1``.
"""
from collections import OrderedDict
from typing import Dict, List, Tuple

import torch

from .state_dict import rename_state_dict

__all__ = [
    'IBM_BACKBONES', 'TORCHVISION_RESNET_RULES', 'detect_ibm_architecture',
    'convert_ibm_state_dict', 'convert_ibm_checkpoint'
]

_HEAD_RULE = (r'fc\.(weight|bias)', r'cls_head.fc_cls.\1')


def _tam_rules(source: str, target: str) -> List[Tuple[str, str]]:
    """TAM branches under the regex ``source`` (one group) moved to
    ``target`` (a template using that group)."""
    rules = [(source + rf'\.{name}_se\.fc1\.weight',
              target + f'.branches.{index}.weight')
             for index, name in enumerate(('prev', 'curr', 'next'))]
    rules.append((source + r'\.blending_layers\.(\d+)\.fc1\.weight',
                  target + r'.branches.\2.weight'))
    return rules


_INCEPTION_RULES = [_HEAD_RULE] + _tam_rules(
    r'(tam\w+)', r'backbone.\1') + [(r'(.+)', r'backbone.\1')]
# torchvision's ResNet names → MMAction2's (``ResNet`` / ``ResNetTSM``).
TORCHVISION_RESNET_RULES = [
    (r'conv1\.weight', 'backbone.conv1.conv.weight'),
    (r'bn1\.(\w+)', r'backbone.conv1.bn.\1'),
    (r'(layer\d+\.\d+)\.conv(\d)\.weight', r'backbone.\1.conv\2.conv.weight'),
    (r'(layer\d+\.\d+)\.bn(\d)\.(\w+)', r'backbone.\1.conv\2.bn.\3'),
    (r'(layer\d+\.\d+)\.downsample\.0\.weight',
     r'backbone.\1.downsample.conv.weight'),
    (r'(layer\d+\.\d+)\.downsample\.1\.(\w+)',
     r'backbone.\1.downsample.bn.\2'),
]
_RESNET_RULES = [_HEAD_RULE] + TORCHVISION_RESNET_RULES + _tam_rules(
    r'(layer\d+\.\d+)\.tam', r'backbone.\1.conv1.tam')


def detect_ibm_architecture(state_dict: Dict[str, torch.Tensor]) -> str:
    """``'i3d'``, ``'s3d'``, ``'inception_v1'`` or ``'resnet'``, from the
    parameter names and the stem's dimensionality."""
    keys = {
        k[len('module.'):] if k.startswith('module.') else k: v
        for k, v in state_dict.items()
    }
    if 'bn1.weight' in keys and 'conv1.weight' in keys:
        if keys['conv1.weight'].dim() != 4:
            raise ValueError('3D ResNets (i3d_resnet, s3d_resnet) map onto '
                             "MMAction2's ResNet3d / ResNet2Plus1d; this "
                             'converter handles the 2D ResNet (TSN/TAM)')
        return 'resnet'
    stem = keys.get('conv1.conv.weight')
    if stem is None or 'inception5b.branch1.conv.weight' not in keys:
        raise ValueError('not an IBM InceptionV1/ResNet state dict (no '
                         'conv1.conv.weight / inception5b or bn1.weight)')
    if stem.dim() == 4:
        return 'inception_v1'
    return 's3d' if any('conv_t' in k for k in keys) else 'i3d'


IBM_BACKBONES = dict(
    i3d='I3DInception',
    s3d='S3D',
    inception_v1='InceptionV1',
    resnet='ResNetTAM')


def convert_ibm_state_dict(
        state_dict: Dict[str, torch.Tensor]) -> Tuple[OrderedDict, str]:
    """Rename an IBM state dict; returns it and the detected architecture.
    A key without an fga counterpart is an error."""
    arch = detect_ibm_architecture(state_dict)
    rules = _RESNET_RULES if arch == 'resnet' else _INCEPTION_RULES
    return rename_state_dict(state_dict, rules, regex=True), arch


def convert_ibm_checkpoint(checkpoint) -> Tuple['OrderedDict', dict]:
    """A loaded IBM checkpoint (``{'state_dict', 'arch'?}`` or a bare state
    dict) → (fga state dict, meta naming the architecture)."""
    if not isinstance(checkpoint, dict):
        raise ValueError(f'expected a dict of tensors, got '
                         f'{type(checkpoint).__name__}')
    state_dict = checkpoint.get('state_dict', checkpoint)
    converted, arch = convert_ibm_state_dict(state_dict)
    meta = dict(ibm_arch=arch,
                backbone=IBM_BACKBONES[arch],
                tam=any('.branches.' in k for k in converted))
    if isinstance(checkpoint.get('arch'), str):
        meta['ibm_name'] = checkpoint['arch']
    return converted, meta
