"""Masked 1-D building blocks of ActionFormer-style temporal models.

Every block takes features (B, C, T) and a boolean mask (B, 1, T) of valid
time steps, and returns both, so strided blocks can downsample the mask.
Parameter names and shapes follow the ActionFormer release, which keeps
checkpoint conversion a renaming.
"""
import math
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    'sinusoid_table', 'MaskedConv1d', 'ChannelLayerNorm',
    'LocalMaskedAttention', 'TemporalTransformerBlock', 'Scale',
    'AffineDropPath', 'downsample_mask'
]


def sinusoid_table(length: int, channels: int) -> torch.Tensor:
    """Sinusoidal positions (1, C, T): sin on even, cos on odd channels,
    angle ``t / 10000^(2·(c // 2) / C)``."""
    t = torch.arange(length, dtype=torch.float64)[:, None]
    c = torch.arange(channels, dtype=torch.float64)[None]
    angle = t / torch.pow(
        10000.0, 2 * torch.div(c, 2, rounding_mode='floor') / channels)
    table = torch.where(c % 2 == 0, torch.sin(angle), torch.cos(angle))
    return table.float().T[None]


def downsample_mask(mask: torch.Tensor, length: int) -> torch.Tensor:
    """Nearest-neighbour downsampling of a (B, 1, T) mask to ``length``
    steps (element ``i·T/length``), as ``F.interpolate(mode='nearest')``."""
    if mask.shape[-1] == length:
        return mask
    return F.interpolate(mask.float(), size=length, mode='nearest').bool()


class MaskedConv1d(nn.Module):
    """``nn.Conv1d`` (odd kernel, 'same' padding) whose output is zeroed
    outside the (downsampled) mask; the bias starts at zero."""

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 kernel_size: int,
                 stride: int = 1,
                 groups: int = 1,
                 bias: bool = True) -> None:
        super().__init__()
        if kernel_size % 2 != 1:
            raise ValueError(f'kernel_size must be odd, got {kernel_size}')
        self.stride = stride
        self.conv = nn.Conv1d(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            kernel_size // 2,
            groups=groups,
            bias=bias)
        if bias:
            nn.init.zeros_(self.conv.bias)

    def forward(self, x: torch.Tensor,
                mask: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        if x.shape[-1] % self.stride:
            raise ValueError(f'sequence length {x.shape[-1]} is not '
                             f'divisible by the stride {self.stride}')
        out = self.conv(x)
        out_mask = downsample_mask(mask, out.shape[-1])
        return out * out_mask.to(out.dtype), out_mask


class ChannelLayerNorm(nn.Module):
    """LayerNorm over channels of a (B, C, T) tensor, affine (1, C, 1)."""

    def __init__(self, num_channels: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(1, num_channels, 1))
        self.bias = nn.Parameter(torch.zeros(1, num_channels, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        centred = x - x.mean(dim=1, keepdim=True)
        variance = (centred**2).mean(dim=1, keepdim=True)
        return centred / torch.sqrt(variance + self.eps) * self.weight + \
            self.bias


class Scale(nn.Module):
    """A learnable scalar multiplier."""

    def __init__(self, init_value: float = 1.0) -> None:
        super().__init__()
        self.scale = nn.Parameter(
            torch.tensor(init_value, dtype=torch.float32))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale


class AffineDropPath(nn.Module):
    """Per-channel learnable scale (LayerScale, init 1e-4) followed by
    per-sample stochastic depth; survivors are divided by the keep
    probability."""

    def __init__(self,
                 num_channels: int,
                 drop_prob: float = 0.0,
                 init_scale: float = 1e-4) -> None:
        super().__init__()
        self.scale = nn.Parameter(init_scale * torch.ones(1, num_channels, 1))
        self.drop_prob = drop_prob

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.scale * x
        if self.drop_prob == 0.0 or not self.training:
            return x
        keep = 1 - self.drop_prob
        shape = (x.shape[0], ) + (1, ) * (x.ndim - 1)
        survivors = (
            keep + torch.rand(shape, dtype=x.dtype, device=x.device)).floor()
        return x / keep * survivors


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
                 dense: bool = False) -> None:
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
        else:
            out = self._local(q, heads(k), heads(v), kv_mask)
        out = out.transpose(2, 3).reshape(batch, -1, length)
        out = self.proj_drop(self.proj(out)) * q_mask.to(out.dtype)
        return out, q_mask

    def _global(self, q, k, v, kv_mask):
        scores = (q @ k.transpose(-2, -1)).masked_fill(~kv_mask[:, :, None, :],
                                                       -torch.inf)
        attn = self.attn_drop(scores.softmax(dim=-1))
        return attn @ (v * kv_mask[:, :, :, None].to(v.dtype))

    def _dense_band(self, q, k, v, kv_mask):
        """The same banded attention through a full T × T score matrix:
        O(T²) memory, but plain matrix products that export to ONNX."""
        length = q.shape[2]
        pos = torch.arange(length, device=q.device)
        in_band = (pos[:, None] - pos[None]).abs() <= self.half_window
        excluded = torch.finfo(q.dtype).min / 2
        bias = torch.where(in_band,
                           (kv_mask[:, :, None, :].to(q.dtype) - 1) * 1e4,
                           torch.full_like(q[:1, :1, :1, :1], excluded))
        attn = (q @ k.transpose(-2, -1) + bias).softmax(dim=-1)
        attn = self.attn_drop(attn.masked_fill(~kv_mask[..., None], 0.0))
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
        key_valid = F.pad(kv_mask[:, 0].to(q.dtype),
                          (w, w + padded - length)).unfold(-1, span, block)
        # Out-of-band keys get the lowest finite value rather than -inf:
        # block-padding queries have no key at all, and an all -inf row
        # would turn their (discarded) softmax and its gradient into NaN.
        excluded = torch.finfo(scores.dtype).min / 2
        bias = torch.where(in_band & in_sequence,
                           (key_valid[:, None, :, None, :] - 1) * 1e4,
                           torch.full_like(scores[:1, :1], excluded))
        attn = (scores + bias).softmax(dim=-1)
        query_valid = F.pad(kv_mask[:, 0],
                            (0, padded - length)).view(batch, 1, num_blocks,
                                                       block, 1)
        attn = self.attn_drop(attn.masked_fill(~query_valid, 0.0))
        out = attn @ key_blocks(v).transpose(-1, -2)  # (B, H, nb, block, D)
        return out.reshape(batch, heads, padded, dims)[:, :, :length]


class TemporalTransformerBlock(nn.Module):
    """Pre-LN transformer block with local attention; ``stride`` 2 halves
    the sequence (max-pooled skip connection)."""

    def __init__(self,
                 embed_dims: int,
                 num_heads: int,
                 window_size: int,
                 stride: int = 1,
                 mlp_ratio: int = 4,
                 drop: float = 0.0,
                 drop_path: float = 0.0,
                 dense_attention: bool = False) -> None:
        super().__init__()
        self.ln1 = ChannelLayerNorm(embed_dims)
        self.ln2 = ChannelLayerNorm(embed_dims)
        self.attn = LocalMaskedAttention(
            embed_dims,
            num_heads,
            window_size,
            stride,
            proj_drop=drop,
            dense=dense_attention)
        self.pool_skip = (
            nn.MaxPool1d(stride + 1, stride,
                         (stride + 1) // 2) if stride > 1 else nn.Identity())
        hidden = mlp_ratio * embed_dims
        self.mlp = nn.Sequential(
            nn.Conv1d(embed_dims, hidden, 1), nn.GELU(), nn.Dropout(drop),
            nn.Conv1d(hidden, embed_dims, 1), nn.Dropout(drop))
        if drop_path > 0:
            self.drop_path_attn = AffineDropPath(embed_dims, drop_path)
            self.drop_path_mlp = AffineDropPath(embed_dims, drop_path)
        else:
            self.drop_path_attn = self.drop_path_mlp = nn.Identity()

    def forward(self, x: torch.Tensor,
                mask: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        out, out_mask = self.attn(self.ln1(x), mask)
        keep = out_mask.to(out.dtype)
        out = self.pool_skip(x) * keep + self.drop_path_attn(out)
        out = out + self.drop_path_mlp(self.mlp(self.ln2(out)) * keep)
        return out, out_mask
