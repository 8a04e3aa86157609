"""Checkpoints of the full-video reference (``L-KID/Full-Video-Action-
Recognition``, built on ``mit-han-lab/temporal-shift-module``) → fga
``FullVideoRecognizer`` with ``FullVideoResNetTSM``.

TSM's ``main.py`` saves ``{'epoch', 'arch', 'state_dict', 'optimizer',
'best_prec1'}``; the state dict holds ``module.base_model.*`` (a
torchvision ResNet whose shifted ``conv1`` become ``conv1.net``) and
``module.new_fc.*`` (or ``base_model.fc.*`` when trained without dropout).
The clustering adds no parameters.
"""
from collections import OrderedDict
from typing import Dict, Tuple

import torch

from .ibm import TORCHVISION_RESNET_RULES
from .state_dict import rename_state_dict

__all__ = ['convert_tsm_state_dict', 'convert_tsm_checkpoint']

_TSM_RULES = [
    (r'new_fc\.(weight|bias)', r'cls_head.fc_cls.\1'),
    (r'base_model\.fc\.(weight|bias)', r'cls_head.fc_cls.\1'),
    (r'base_model\.(layer\d+\.\d+)\.conv1\.net\.weight',
     r'backbone.\1.conv1.conv.net.weight'),
] + [(r'base_model\.' + pattern, template)
     for pattern, template in TORCHVISION_RESNET_RULES]


def convert_tsm_state_dict(
        state_dict: Dict[str, torch.Tensor]) -> 'OrderedDict':
    """Rename every reference key; an unknown key is an error."""
    return rename_state_dict(state_dict, _TSM_RULES, regex=True)


def convert_tsm_checkpoint(checkpoint) -> Tuple['OrderedDict', dict]:
    """A loaded reference checkpoint → (fga state dict, meta with the
    reference's ``arch`` and epoch)."""
    if not isinstance(checkpoint, dict):
        raise ValueError(f'expected a dict of tensors, got '
                         f'{type(checkpoint).__name__}')
    state_dict = checkpoint.get('state_dict', checkpoint)
    meta = {k: checkpoint[k] for k in ('arch', 'epoch', 'best_prec1')
            if isinstance(checkpoint.get(k), (str, int, float))}
    return convert_tsm_state_dict(state_dict), meta
