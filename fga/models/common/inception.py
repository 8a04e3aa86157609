"""InceptionV1 (GoogLeNet) building blocks, in 2D and 3D.

Branch widths are torchvision GoogLeNet's (its "5×5" branch uses a 3×3
conv). Module names follow ``IBM/action-recognition-pytorch`` (``conv``,
``bn``, ``conv_t``, ``branch1``…``branch4``), so converting its
checkpoints is a renaming.
"""
from typing import Dict, Optional, Tuple, Union

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    'INCEPTION_V1_WIDTHS', 'BasicConv', 'SeparableConv3d', 'SelfGating',
    'InceptionBlock'
]

# name: (in, 1×1, 3×3 reduce, 3×3, "5×5" reduce, "5×5", pool projection)
INCEPTION_V1_WIDTHS: Dict[str, Tuple[int, ...]] = {
    '3a': (192, 64, 96, 128, 16, 32, 32),
    '3b': (256, 128, 128, 192, 32, 96, 64),
    '4a': (480, 192, 96, 208, 16, 48, 64),
    '4b': (512, 160, 112, 224, 24, 64, 64),
    '4c': (512, 128, 128, 256, 24, 64, 64),
    '4d': (512, 112, 144, 288, 32, 64, 64),
    '4e': (528, 256, 160, 320, 32, 128, 128),
    '5a': (832, 256, 160, 320, 32, 128, 128),
    '5b': (832, 384, 192, 384, 48, 128, 128),
}

IntOrTuple = Union[int, Tuple[int, ...]]


class BasicConv(nn.Module):
    """Bias-free conv + BN (eps 1e-3) + ReLU, 2D or 3D (``dims``)."""

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 kernel_size: IntOrTuple,
                 stride: IntOrTuple = 1,
                 padding: IntOrTuple = 0,
                 dims: int = 2) -> None:
        super().__init__()
        conv = nn.Conv2d if dims == 2 else nn.Conv3d
        norm = nn.BatchNorm2d if dims == 2 else nn.BatchNorm3d
        self.conv = conv(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            padding,
            bias=False)
        self.bn = norm(out_channels, eps=1e-3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.bn(self.conv(x)), inplace=True)


class SeparableConv3d(nn.Module):
    """S3D's k×k×k replacement: 1×k×k conv + BN + ReLU, then a k×1×1
    temporal conv (with bias, as in IBM's S3D) + BN + ReLU of the same
    width; ``depthwise_temporal`` makes the temporal conv depthwise."""

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 kernel_size: int = 3,
                 padding: int = 1,
                 depthwise_temporal: bool = False) -> None:
        super().__init__()
        self.conv = nn.Conv3d(
            in_channels,
            out_channels, (1, kernel_size, kernel_size),
            padding=(0, padding, padding),
            bias=False)
        self.bn = nn.BatchNorm3d(out_channels, eps=1e-3)
        self.conv_t = nn.Conv3d(
            out_channels,
            out_channels, (kernel_size, 1, 1),
            padding=(padding, 0, 0),
            groups=out_channels if depthwise_temporal else 1)
        self.bn_t = nn.BatchNorm3d(out_channels, eps=1e-3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.bn(self.conv(x)), inplace=True)
        return F.relu(self.bn_t(self.conv_t(x)), inplace=True)


class SelfGating(nn.Module):
    """S3D-G feature gating (Xie et al., ECCV 2018): each channel is scaled
    by ``sigmoid(W · mean_{t,h,w}(x) + b)``."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.fc = nn.Linear(channels, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N, C, T, H, W) → same shape."""
        weights = torch.sigmoid(self.fc(x.mean((2, 3, 4))))
        return x * weights[:, :, None, None, None]


class InceptionBlock(nn.Module):
    """Four-branch Inception block: 1×1; 1×1→3×3; 1×1→3×3; 3×3 max-pool
    (stride 1, pad 1)→1×1, concatenated.

    Args:
        widths: a row of :data:`INCEPTION_V1_WIDTHS`.
        dims: 2 (per frame) or 3.
        separable: the 3×3×3 convs become :class:`SeparableConv3d` (S3D).
        depthwise_temporal: depthwise temporal convs (S3D only).
        gating: S3D-G gating on every branch output (3D only).
    """

    def __init__(self,
                 widths: Tuple[int, ...],
                 dims: int = 2,
                 separable: bool = False,
                 depthwise_temporal: bool = False,
                 gating: bool = False) -> None:
        super().__init__()
        in_channels, ch1, ch3_red, ch3, ch5_red, ch5, pool_proj = widths
        if (separable or gating) and dims != 3:
            raise ValueError('separable convs and gating are 3D only')

        def spatial(cin: int, cout: int) -> nn.Module:
            if separable:
                return SeparableConv3d(cin, cout, 3, 1, depthwise_temporal)
            return BasicConv(cin, cout, 3, padding=1, dims=dims)

        pool = nn.MaxPool2d if dims == 2 else nn.MaxPool3d
        self.branch1 = BasicConv(in_channels, ch1, 1, dims=dims)
        self.branch2 = nn.Sequential(
            BasicConv(in_channels, ch3_red, 1, dims=dims),
            spatial(ch3_red, ch3))
        self.branch3 = nn.Sequential(
            BasicConv(in_channels, ch5_red, 1, dims=dims),
            spatial(ch5_red, ch5))
        self.branch4 = nn.Sequential(
            pool(3, stride=1, padding=1, ceil_mode=True),
            BasicConv(in_channels, pool_proj, 1, dims=dims))
        self.gates: Optional[nn.ModuleList] = (
            nn.ModuleList(SelfGating(c)
                          for c in (ch1, ch3, ch5,
                                    pool_proj)) if gating else None)
        self.out_channels = ch1 + ch3 + ch5 + pool_proj

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outs = [
            self.branch1(x),
            self.branch2(x),
            self.branch3(x),
            self.branch4(x)
        ]
        if self.gates is not None:
            outs = [gate(out) for gate, out in zip(self.gates, outs)]
        return torch.cat(outs, 1)
