"""Checkpoints of the F3AST reference (``F3AST123/F3AST``) → fga ``F3AST``.

The reference's ``BaseRGBModel.state_dict`` saves its ``F3AST.Impl``
weights in one of two layouts: trained on several GPUs (DataParallel) the
bare state dict of the wrapped module, so without ``module.``; on one GPU
``{'model_state_dict': ...}`` (its released FineTennis model,
``"gpu_parallel": false``). Both convert, as do ``module.``-prefixed
keys. Keys are ``_glb_feat.*`` (SlowFast, MMAction2 names), ``_encoder.*``,
``_decoder.*`` and ``learn_vid_att.weight``. The positional tables are
dropped: fga recomputes the same sinusoids.
"""
import math
from collections import OrderedDict
from typing import Dict, Optional, Tuple

import torch

from fga.annotations.vocabulary import NUM_SPECIAL_TOKENS
from .state_dict import convert_checkpoint, rename_state_dict

__all__ = [
    'F3AST_KEY_MAP', 'convert_f3ast_state_dict', 'convert_f3ast_checkpoint',
    'f3ast_checkpoint_geometry', 'check_f3ast_geometry',
    'convert_f3ast_for_config'
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


def check_f3ast_geometry(geometry: Dict[str, Optional[int]],
                         head: dict) -> None:
    """Refuse a checkpoint whose vocabulary or clip length differs from the
    target config's F3AST head (``model.head`` of the config, as a dict).

    ``geometry`` is :func:`f3ast_checkpoint_geometry`'s answer; a head with
    ``attention_bias=False`` expects a checkpoint without the learned bias
    (``clip_len`` None).
    """
    problems = []
    if geometry['num_classes'] != head.get('num_classes'):
        problems.append(f'the checkpoint has {geometry["num_classes"]} '
                        f'classes, model.head.num_classes is '
                        f'{head.get("num_classes")}')
    expected = head.get('clip_len') if head.get('attention_bias',
                                                True) else None
    if geometry['clip_len'] != expected:
        if geometry['clip_len'] is None:
            found = 'no learned attention bias'
        else:
            found = f'an attention bias for clip_len {geometry["clip_len"]}'
        if expected is None:
            wanted = 'model.head.attention_bias is False'
        else:
            wanted = f'model.head.clip_len is {expected}'
        problems.append(f'the checkpoint has {found}, {wanted}')
    if problems:
        raise ValueError('; '.join(problems))


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


def convert_f3ast_for_config(src: str,
                             dst: str,
                             config: Optional[str] = None,
                             trust_checkpoint: bool = False
                             ) -> Tuple['OrderedDict', dict]:
    """Convert the reference checkpoint ``src`` to ``dst``; with an fga
    ``config`` file, refuse (writing nothing) unless its head's vocabulary
    and clip length match the checkpoint's."""
    head = None
    if config is not None:
        from mmengine.config import Config
        head = Config.fromfile(config).model.head.to_dict()

    def convert(checkpoint):
        state_dict, geometry = convert_f3ast_checkpoint(checkpoint)
        if head is not None:
            try:
                check_f3ast_geometry(geometry, head)
            except ValueError as err:
                raise ValueError(f'does not fit {config}: {err}') from None
        return state_dict, geometry

    return convert_checkpoint(src, dst, convert, trust_checkpoint)
