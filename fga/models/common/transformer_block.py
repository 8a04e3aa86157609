"""The pre-LN transformer block of ActionFormer-style backbones.

Every masked block takes features (B, C, T) and their valid mask (B, T)
(True on real steps) and returns both, so strided blocks can downsample the
mask. Parameter names and shapes follow the ActionFormer release, which
keeps checkpoint conversion a renaming.
"""
from typing import Tuple

import torch
from torch import nn

from .layer_norm import ChannelLayerNorm
from .layer_scale import AffineDropPath
from .local_attention import LocalMaskedAttention

__all__ = ['TemporalTransformerBlock']


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
        keep = out_mask[:, None].to(out.dtype)
        out = self.pool_skip(x) * keep + self.drop_path_attn(out)
        out = out + self.drop_path_mlp(self.mlp(self.ln2(out)) * keep)
        return out, out_mask
