"""Checkpoints of ``IBM/action-recognition-pytorch`` (Chen et al., CVPR
2021) → fga.

Handles the backbones MMAction2 lacks: ``i3d`` → ``I3DInception``, ``s3d``
→ ``S3D``, ``inception_v1`` → ``InceptionV1`` / ``InceptionV1TAM`` and
``resnet`` (TSN / TAM) → ``ResNetTAM`` and ``i3d_resnet`` (depth >= 50)
→ MMAction2's ``ResNet3d`` (``inflate_style='3x3x3'`` in every block,
``with_pool2=False``; IBM's ``-ts`` is ``temporal_strides=(1, 2, 2, 2)``);
the classifier ``fc`` becomes ``cls_head.fc_cls`` (``I3DHead`` for 3D
models, ``TSMHead`` for 2D ones). Inception models keep their names;
ResNets, 2D or 3D, take MMAction2's (``conv1.conv``, ``conv1.bn``,
``downsample.conv``…); TAM branches (``prev_se``/``curr_se``/``next_se`` or
``blending_layers.i``) become ``branches.0…r−1``. The checkpoint's
``arch`` string records settings without parameters (temporal striding
and pooling, frames): :mod:`.ibm_arch` checks them against a config.
"""
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Tuple

import torch

from .ibm_arch import (IBMArchMismatchError, compare_ibm_settings,
                       ibm_settings_of_config, parse_ibm_arch)
from .state_dict import convert_checkpoint, rename_state_dict

__all__ = [
    'IBM_BACKBONES', 'TORCHVISION_RESNET_RULES', 'detect_ibm_architecture',
    'convert_ibm_state_dict', 'convert_ibm_checkpoint',
    'convert_ibm_for_config', 'matching_ibm_configs'
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
    """``'i3d'``, ``'s3d'``, ``'inception_v1'``, ``'resnet'`` or
    ``'i3d_resnet'``, from the parameter names and the stem's
    dimensionality."""
    keys = {
        k[len('module.'):] if k.startswith('module.') else k: v
        for k, v in state_dict.items()
    }
    if 'bn1.weight' in keys and 'conv1.weight' in keys:
        if keys['conv1.weight'].dim() == 4:
            return 'resnet'
        if any('_t.' in k for k in keys):
            raise ValueError('s3d_resnet (separable 3D ResNet) has no fga '
                             "counterpart: MMAction2's ResNet3d holds the "
                             'i3d_resnet only')
        stages = [f'layer{i}.0.conv2.weight' for i in range(1, 5)]
        if not all(k in keys for k in stages + ['fc.weight']) or any(
                keys[k].shape[2:] != (3, 3, 3) for k in stages):
            raise ValueError(
                "an i3d_resnet converts to MMAction2's ResNet3d only whole "
                'and with bottleneck blocks (depth >= 50: 3x3x3 conv2 in '
                'every block); this state dict lacks layer1-4 / fc or has '
                'basic blocks')
        return 'i3d_resnet'
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
    resnet='ResNetTAM',
    i3d_resnet='ResNet3d')


def convert_ibm_state_dict(
        state_dict: Dict[str, torch.Tensor]) -> Tuple[OrderedDict, str]:
    """Rename an IBM state dict; returns it and the detected architecture.
    A key without an fga counterpart is an error."""
    arch = detect_ibm_architecture(state_dict)
    rules = _INCEPTION_RULES if arch in ('i3d', 's3d',
                                         'inception_v1') else _RESNET_RULES
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


def _load_config(path: str):
    from mmengine.config import Config
    return Config.fromfile(path)


def matching_ibm_configs(arch: dict, configs: Sequence[str]) -> List[str]:
    """The configs among ``configs`` (paths) whose settings equal the
    parsed ``arch`` (:func:`~.ibm_arch.parse_ibm_arch`)."""
    out = []
    for path in configs:
        cfg = _load_config(path)
        if 'model' in cfg and 'backbone' in cfg.model and \
                not compare_ibm_settings(arch, ibm_settings_of_config(cfg)):
            out.append(path)
    return out


def convert_ibm_for_config(src: str,
                           dst: str,
                           config: Optional[str] = None,
                           trust_checkpoint: bool = False
                           ) -> Tuple['OrderedDict', dict]:
    """Convert the IBM checkpoint ``src`` to ``dst``. With an fga
    ``config``, its ``arch`` string must be in IBM's naming and every
    setting it records must equal the config's, else
    :class:`~.ibm_arch.IBMArchMismatchError` names each difference and
    nothing is written. The meta holds the parsed settings
    (``ibm_settings``) when the name parses."""
    cfg = _load_config(config) if config is not None else None

    def convert(checkpoint):
        state_dict, meta = convert_ibm_checkpoint(checkpoint)
        name = meta.get('ibm_name')
        try:
            settings = parse_ibm_arch(name) if name else None
        except ValueError:
            if cfg is not None:
                raise
            settings = None
        if settings is not None:
            meta['ibm_settings'] = settings
            if settings['backbone'] != meta['ibm_arch']:
                raise IBMArchMismatchError(
                    f'arch {name!r} names a {settings["backbone"]} but the '
                    f'weights are of a {meta["ibm_arch"]}')
        if cfg is None:
            return state_dict, meta
        if settings is None:
            raise IBMArchMismatchError(
                'the checkpoint records no "arch", so its temporal '
                f'settings cannot be checked against {config}; convert '
                'without --config and pick the config yourself')
        problems = compare_ibm_settings(settings,
                                        ibm_settings_of_config(cfg))
        if problems:
            raise IBMArchMismatchError(
                f'arch {name!r} does not match {config}: '
                + '; '.join(problems))
        return state_dict, meta

    return convert_checkpoint(src, dst, convert, trust_checkpoint)
