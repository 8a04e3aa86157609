"""Checkpoints of the ActionFormer release
(``happyharrycn/actionformer_release``) → fga ``ActionFormer``.

The release evaluates ``state_dict_ema``, which is converted by default
(``use_raw_weights`` takes ``state_dict``). Keys lose DataParallel's
``module.``; backbone and neck keep their names, ``cls_head.``/``reg_head.``
move under ``head.``. The loss normaliser, which the release keeps outside
the state dict, is set to ``init_loss_norm``.
"""
from collections import OrderedDict
from typing import Dict, Tuple

import torch

from .state_dict import rename_state_dict

__all__ = [
    'ACTIONFORMER_KEY_MAP', 'convert_actionformer_state_dict',
    'convert_actionformer_checkpoint'
]

# (release prefix, fga prefix)
ACTIONFORMER_KEY_MAP = [('backbone.', 'backbone.'), ('neck.', 'neck.'),
                        ('cls_head.', 'head.cls_head.'),
                        ('reg_head.', 'head.reg_head.')]


def convert_actionformer_state_dict(
        state_dict: Dict[str, torch.Tensor],
        init_loss_norm: float = 100.0) -> 'OrderedDict':
    """Rename every release key; an unknown key is an error rather than a
    silently random weight."""
    out = rename_state_dict(state_dict, ACTIONFORMER_KEY_MAP)
    out['head.loss_normalizer'] = torch.tensor(float(init_loss_norm))
    return out


def convert_actionformer_checkpoint(
        checkpoint,
        use_raw_weights: bool = False,
        init_loss_norm: float = 100.0) -> Tuple['OrderedDict', dict]:
    """A loaded release checkpoint → (fga state dict, meta)."""
    key = 'state_dict' if use_raw_weights else 'state_dict_ema'
    if isinstance(checkpoint, dict) and key in checkpoint:
        state_dict = checkpoint[key]
    elif isinstance(checkpoint, dict) and 'state_dict' in checkpoint:
        raise KeyError(f'no {key!r} in the checkpoint; convert its '
                       'state_dict with use_raw_weights (--use-raw-weights)')
    else:
        state_dict = checkpoint
    return (convert_actionformer_state_dict(state_dict, init_loss_norm),
            dict(weights=key))
