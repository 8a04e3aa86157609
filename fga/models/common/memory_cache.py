"""Scoring prefixes with an ``nn.TransformerDecoder`` over a memory that
does not change between calls (autoregressive search): every layer's
cross-attention keys and values of the memory are projected once, and each
call only gathers the rows it needs.

The cached path repeats ``nn.MultiheadAttention``'s own steps (packed
in-projection split, layouts, mask merging, SDPA) so that its outputs are
those of the module, not merely close to them.
"""
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.transformer import _detect_is_causal_mask

__all__ = ['project_memory', 'cached_decoder_forward']

KeyValues = List[Tuple[torch.Tensor, torch.Tensor]]


def _check(decoder: nn.TransformerDecoder) -> None:
    for layer in decoder.layers:
        attn = layer.multihead_attn
        if (layer.norm_first or not attn.batch_first
                or not attn._qkv_same_embed_dim or attn.bias_k is not None
                or attn.add_zero_attn):
            raise ValueError('the memory cache supports batch-first post-LN '
                             'decoder layers with packed projections only')


def project_memory(decoder: nn.TransformerDecoder,
                   memory: torch.Tensor) -> KeyValues:
    """Per layer the cross-attention keys and values (T, B, E) of memory
    (B, T, E)."""
    _check(decoder)
    out = []
    for layer in decoder.layers:
        attn = layer.multihead_attn
        dim = attn.embed_dim
        bias = attn.in_proj_bias
        kv = F.linear(memory.transpose(1, 0), attn.in_proj_weight[dim:],
                      None if bias is None else bias[dim:])
        kv = kv.unflatten(-1, (2, dim)).unsqueeze(0).transpose(
            0, -2).squeeze(-2).contiguous()
        out.append((kv[0], kv[1]))
    return out


def _cross_attention(attn: nn.MultiheadAttention, x: torch.Tensor,
                     key: torch.Tensor, value: torch.Tensor,
                     key_padding_mask: torch.Tensor) -> torch.Tensor:
    """(N, L, E) queries over cached (S, N, E) keys / values; additive
    (N, S) padding mask -> (N, L, E)."""
    n, length, dim = x.shape
    heads = attn.num_heads
    head_dim = dim // heads
    source = key.shape[0]
    bias = attn.in_proj_bias
    q = F.linear(x.transpose(1, 0), attn.in_proj_weight[:dim],
                 None if bias is None else bias[:dim])
    q = q.view(length, n * heads, head_dim).transpose(0, 1)
    k = key.view(source, n * heads, head_dim).transpose(0, 1)
    v = value.view(source, n * heads, head_dim).transpose(0, 1)
    mask = key_padding_mask.view(n, 1, 1, source).expand(
        -1, heads, -1, -1).reshape(n * heads, 1, source)
    if mask.size(0) == 1:
        mask = mask.unsqueeze(0)
    else:
        mask = mask.view(n, heads, -1, source)
    out = F.scaled_dot_product_attention(
        q.view(n, heads, length, head_dim), k.view(n, heads, source,
                                                   head_dim),
        v.view(n, heads, source, head_dim), mask, 0.0, False)
    out = out.permute(2, 0, 1, 3).reshape(n * length, dim)
    out = F.linear(out, attn.out_proj.weight, attn.out_proj.bias)
    return out.view(length, n, out.size(1)).transpose(1, 0)


def cached_decoder_forward(decoder: nn.TransformerDecoder, x: torch.Tensor,
                           tgt_mask: torch.Tensor, cache: KeyValues,
                           rows: torch.Tensor,
                           memory_key_padding_mask: torch.Tensor
                           ) -> torch.Tensor:
    """``decoder(x, memory[rows], tgt_mask=tgt_mask,
    memory_key_padding_mask=...)`` in eval mode, from
    :func:`project_memory`'s cache of ``memory``.

    Args:
        x: (N, L, E) embedded prefixes (no target padding mask).
        tgt_mask: (L, L) additive causal mask.
        rows: (N,) memory row of every prefix.
        memory_key_padding_mask: (N, S) additive, already gathered.
    """
    is_causal = _detect_is_causal_mask(tgt_mask, None, x.shape[1])
    for layer, (key, value) in zip(decoder.layers, cache):
        x = layer.norm1(x + layer._sa_block(x, tgt_mask, None, is_causal))
        x = layer.norm2(x + layer.dropout2(
            _cross_attention(layer.multihead_attn, x,
                             key.index_select(1, rows),
                             value.index_select(1, rows),
                             memory_key_padding_mask)))
        x = layer.norm3(x + layer._ff_block(x))
    if decoder.norm is not None:
        x = decoder.norm(x)
    return x
