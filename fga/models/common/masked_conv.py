"""A 1-D convolution that keeps padding at zero.

Every masked block takes features (B, C, T) and their valid mask (B, T)
(True on real steps) and returns both, so strided blocks can downsample the
mask. Parameter names and shapes follow the ActionFormer release, which
keeps checkpoint conversion a renaming.
"""
from typing import Tuple

import torch
from torch import nn

from ..utils.masking import downsample_mask

__all__ = ['MaskedConv1d']


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
        return out * out_mask[:, None].to(out.dtype), out_mask
