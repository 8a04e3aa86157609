"""Multi-head self-attention within a local temporal window.

Every masked block takes features (B, C, T) and their valid mask (B, T)
(True on real steps) and returns both, so strided blocks can downsample the
mask. Parameter names and shapes follow the ActionFormer release, which
keeps checkpoint conversion a renaming.
"""
import functools
import math
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .layer_norm import ChannelLayerNorm
from .masked_conv import MaskedConv1d

__all__ = ['LocalMaskedAttention', 'flex_band_attention']


class LocalMaskedAttention(nn.Module):
    """Multi-head self-attention within a local window, with depthwise
    convolutions (which also downsample) on queries, keys and values.

    Query i attends to keys j with |i - j| ≤ window // 2. Keys outside the
    sequence are excluded; padded keys get an additive -1e4 (as the
    reference's Longformer implementation) and padded queries output zero.
    Queries are processed in blocks against the keys around them, so time
    and memory grow linearly with T.
    ``window_size`` ≤ 1 attends globally (padded keys excluded), as the
    reference's ActivityNet recipe uses on its coarsest level.

    Args:
        embed_dims: channels C.
        num_heads: heads; C must divide evenly.
        window_size: odd window length (19 in ActionFormer), or ≤ 1 for
            global attention.
        block_size: queries per block of the linear-memory computation.
        dense: compute the band through a full T × T matrix instead
            (same result; O(T²) memory, export-friendly).
        flex: on CUDA (and without attention dropout in training), compute
            the band with ``torch.nn.attention.flex_attention`` over a
            sliding-window block mask (compiled once per process); the
            blockwise path stays the CPU / reference computation.
        stride: 1, or the downsampling stride of this block.
    """

    def __init__(self,
                 embed_dims: int,
                 num_heads: int,
                 window_size: int,
                 stride: int = 1,
                 attn_drop: float = 0.0,
                 proj_drop: float = 0.0,
                 block_size: int = 64,
                 dense: bool = False,
                 flex: bool = True) -> None:
        super().__init__()
        if embed_dims % num_heads:
            raise ValueError(f'embed_dims {embed_dims} is not divisible by '
                             f'num_heads {num_heads}')
        if window_size > 1 and window_size % 2 != 1:
            raise ValueError(f'window_size must be odd (or <= 1 for global '
                             f'attention), got {window_size}')
        self.num_heads = num_heads
        self.head_dims = embed_dims // num_heads
        self.half_window = window_size // 2 if window_size > 1 else None
        self.block_size = block_size
        self.dense = dense
        self.flex = flex
        kernel_size = stride + 1 if stride > 1 else 3
        for name in ('query', 'key', 'value'):
            setattr(
                self, f'{name}_conv',
                MaskedConv1d(
                    embed_dims,
                    embed_dims,
                    kernel_size,
                    stride,
                    groups=embed_dims,
                    bias=False))
            setattr(self, f'{name}_norm', ChannelLayerNorm(embed_dims))
        self.key = nn.Conv1d(embed_dims, embed_dims, 1)
        self.query = nn.Conv1d(embed_dims, embed_dims, 1)
        self.value = nn.Conv1d(embed_dims, embed_dims, 1)
        self.proj = nn.Conv1d(embed_dims, embed_dims, 1)
        self.attn_drop = nn.Dropout(attn_drop)
        self.proj_drop = nn.Dropout(proj_drop)

    def forward(self, x: torch.Tensor,
                mask: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        batch = x.shape[0]
        q, q_mask = self.query_conv(x, mask)
        k, kv_mask = self.key_conv(x, mask)
        v, _ = self.value_conv(x, mask)
        q = self.query(self.query_norm(q))
        k = self.key(self.key_norm(k))
        v = self.value(self.value_norm(v))
        length = q.shape[-1]

        def heads(t):
            return t.view(batch, self.num_heads, self.head_dims,
                          -1).transpose(2, 3)

        q = heads(q) / math.sqrt(self.head_dims)
        if self.half_window is None:
            out = self._global(q, heads(k), heads(v), kv_mask)
        elif self.dense:
            out = self._dense_band(q, heads(k), heads(v), kv_mask)
        elif self.flex and q.is_cuda and not (self.training
                                              and self.attn_drop.p > 0):
            out = flex_band_attention(q, heads(k), heads(v), kv_mask,
                                      self.half_window, compiled=True)
        else:
            out = self._local(q, heads(k), heads(v), kv_mask)
        out = out.transpose(2, 3).reshape(batch, -1, length)
        out = self.proj_drop(self.proj(out)) * q_mask[:, None].to(out.dtype)
        return out, q_mask

    def _global(self, q, k, v, kv_mask):
        scores = (q @ k.transpose(-2, -1)).masked_fill(
            ~kv_mask[:, None, None, :], -torch.inf)
        attn = self.attn_drop(scores.softmax(dim=-1))
        return attn @ (v * kv_mask[:, None, :, None].to(v.dtype))

    def _dense_band(self, q, k, v, kv_mask):
        """The same banded attention through a full T × T score matrix:
        O(T²) memory, but plain matrix products that export to ONNX."""
        length = q.shape[2]
        pos = torch.arange(length, device=q.device)
        in_band = (pos[:, None] - pos[None]).abs() <= self.half_window
        excluded = torch.finfo(q.dtype).min / 2
        bias = torch.where(in_band,
                           (kv_mask[:, None, None, :].to(q.dtype) - 1) * 1e4,
                           torch.full_like(q[:1, :1, :1, :1], excluded))
        attn = (q @ k.transpose(-2, -1) + bias).softmax(dim=-1)
        attn = self.attn_drop(
            attn.masked_fill(~kv_mask[:, None, :, None], 0.0))
        return attn @ v

    def _local(self, q, k, v, kv_mask):
        """Banded attention computed block by block: each block of
        ``block`` queries meets the ``block + 2w`` keys around it in one
        matrix product, then everything outside |i - j| ≤ w is masked.
        Memory and time stay linear in T while the products remain large
        enough to be efficient."""
        batch, heads, length, dims = q.shape
        w = self.half_window
        block = self.block_size
        num_blocks = -(-length // block)
        padded = num_blocks * block
        span = block + 2 * w
        q_blocks = F.pad(q, (0, 0, 0, padded - length)).view(
            batch, heads, num_blocks, block, dims)

        def key_blocks(x):
            x = F.pad(x, (0, 0, w, w + padded - length))
            return x.unfold(2, span, block)  # (B, H, nb, D, span)

        scores = q_blocks @ key_blocks(k)  # (B, H, nb, block, span)
        query_pos = torch.arange(
            padded, device=q.device).view(num_blocks, block, 1)
        key_pos = (
            torch.arange(num_blocks, device=q.device).view(-1, 1, 1) * block +
            torch.arange(span, device=q.device) - w)
        in_band = (key_pos - query_pos).abs() <= w
        in_sequence = (key_pos >= 0) & (key_pos < length)
        key_valid = F.pad(kv_mask.to(q.dtype),
                          (w, w + padded - length)).unfold(-1, span, block)
        # Out-of-band keys get the lowest finite value rather than -inf:
        # block-padding queries have no key at all, and an all -inf row
        # would turn their (discarded) softmax and its gradient into NaN.
        excluded = torch.finfo(scores.dtype).min / 2
        bias = torch.where(in_band & in_sequence,
                           (key_valid[:, None, :, None, :] - 1) * 1e4,
                           torch.full_like(scores[:1, :1], excluded))
        attn = (scores + bias).softmax(dim=-1)
        query_valid = F.pad(kv_mask,
                            (0, padded - length)).view(batch, 1, num_blocks,
                                                       block, 1)
        attn = self.attn_drop(attn.masked_fill(~query_valid, 0.0))
        out = attn @ key_blocks(v).transpose(-1, -2)  # (B, H, nb, block, D)
        return out.reshape(batch, heads, padded, dims)[:, :, :length]


@functools.lru_cache(maxsize=None)
def _compiled_flex_attention():
    from torch.nn.attention.flex_attention import flex_attention
    return torch.compile(flex_attention, dynamic=False)


def flex_band_attention(q: torch.Tensor,
                        k: torch.Tensor,
                        v: torch.Tensor,
                        kv_mask: torch.Tensor,
                        half_window: int,
                        compiled: bool = False) -> torch.Tensor:
    """:meth:`LocalMaskedAttention._local`'s banded attention through
    ``flex_attention``: queries (B, H, T, D), already scaled, meet keys
    with |i − j| ≤ ``half_window`` (a sliding-window block mask, so blocks
    outside the band are skipped); padded keys get −1e4 and padded queries
    output zero, as the blockwise path. ``compiled``: the fused kernel (what
    makes it pay on a GPU); eager runs the reference math (any device)."""
    from torch.nn.attention.flex_attention import (create_block_mask,
                                                   flex_attention)
    length = q.shape[2]

    def in_band(b, h, q_idx, kv_idx):
        return (q_idx - kv_idx).abs() <= half_window

    block_mask = create_block_mask(in_band, None, None, length, length,
                                   device=q.device)
    penalty = (kv_mask.to(q.dtype) - 1) * 1e4

    def padded_keys(score, b, h, q_idx, kv_idx):
        return score + penalty[b, kv_idx]

    attend = _compiled_flex_attention() if compiled else flex_attention
    out = attend(q, k, v, score_mod=padded_keys, block_mask=block_mask,
                 scale=1.0)
    return out * kv_mask[:, None, :, None].to(out.dtype)
