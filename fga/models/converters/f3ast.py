"""Checkpoints of the F3AST reference (``F3AST123/F3AST``) → fga ``F3AST``.

The reference saves its ``F3AST.Impl`` weights either bare or as
``{'model_state_dict': ...}`` (``BaseRGBModel.state_dict``, which strips
DataParallel's ``module.``; its released FineTennis model is in that
format). Keys are ``_glb_feat.*`` (SlowFast, MMAction2 names),
``_encoder.*``, ``_decoder.*`` and ``learn_vid_att.weight``. The
positional tables are dropped: fga recomputes the same sinusoids.
"""
import math
from collections import OrderedDict
from typing import Dict, Optional, Tuple

import torch

from fga.annotations.vocabulary import NUM_SPECIAL_TOKENS
from .state_dict import rename_state_dict

__all__ = [
    'F3AST_KEY_MAP', 'convert_f3ast_state_dict', 'convert_f3ast_checkpoint',
    'f3ast_checkpoint_geometry'
]

# (reference prefix, fga prefix); first match wins.
F3AST_KEY_MAP = [
    ('_glb_feat.', 'backbone.'),
    ('_encoder.fc.', 'head.input_proj.'),
    ('_encoder.conv.', 'head.input_conv.'),
    ('_encoder.encoder.layers.', 'head.encoder_layers.'),
    ('_decoder.tgt_tok_emb.embedding.', 'head.token_embedding.'),
    ('_decoder.decoder.', 'head.decoder.'),
    ('_decoder.generator.', 'head.classifier.'),
    ('learn_vid_att.', 'head.attention_bias.'),
]
_DROPPED = r'_(en|de)coder\.positional_encoding\.pos_embedding$'


def convert_f3ast_state_dict(
        state_dict: Dict[str, torch.Tensor]) -> 'OrderedDict':
    """Rename every reference key; unknown keys are an error (a silently
    dropped weight would leave part of the model random)."""
    if any(
            k.removeprefix('module.').startswith('_lcl_feat.')
            for k in state_dict):
        raise ValueError('this checkpoint uses local-frame features '
                         '(--use_local), which fga does not support')
    return rename_state_dict(state_dict, F3AST_KEY_MAP, _DROPPED)


def f3ast_checkpoint_geometry(
        state_dict: Dict[str, torch.Tensor]) -> Dict[str, Optional[int]]:
    """``num_classes`` (vocabulary size − 3) and ``clip_len`` (side of the
    learned attention bias; None without one) of a converted state dict."""
    classifier = state_dict.get('head.classifier.weight')
    if classifier is None:
        raise KeyError('no head.classifier.weight: not an F3AST checkpoint')
    bias = state_dict.get('head.attention_bias.weight')
    clip_len = None
    if bias is not None:
        clip_len = math.isqrt(bias.shape[0])
        if clip_len * clip_len != bias.shape[0]:
            raise ValueError(f'attention bias of {bias.shape[0]} entries is '
                             'not clip_len x clip_len')
    return dict(num_classes=classifier.shape[0] - NUM_SPECIAL_TOKENS,
                clip_len=clip_len)


def convert_f3ast_checkpoint(checkpoint) -> Tuple['OrderedDict', dict]:
    """A loaded reference checkpoint (bare, ``model_state_dict`` or
    ``state_dict``) → (fga state dict, meta with its geometry)."""
    if not isinstance(checkpoint, dict):
        raise ValueError(f'expected a dict of tensors, got '
                         f'{type(checkpoint).__name__}')
    for key in ('model_state_dict', 'state_dict'):
        if isinstance(checkpoint.get(key), dict):
            checkpoint = checkpoint[key]
            break
    state_dict = convert_f3ast_state_dict(checkpoint)
    return state_dict, f3ast_checkpoint_geometry(state_dict)
