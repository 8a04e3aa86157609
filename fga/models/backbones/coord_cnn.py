"""A small per-frame 2D CNN that keeps where things are in the frame."""
from typing import Sequence

import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule


def coordinate_channels(x: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) -> (N, C + 2, H, W): x then y coordinates appended,
    each linear from -1 (left / top pixel) to 1 (right / bottom pixel)."""
    n, _, h, w = x.shape
    ys = torch.linspace(-1, 1, h, dtype=x.dtype, device=x.device)
    xs = torch.linspace(-1, 1, w, dtype=x.dtype, device=x.device)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing='ij')
    coords = torch.stack([grid_x, grid_y]).expand(n, 2, h, w)
    return torch.cat([x, coords], dim=1)


@MODELS.register_module()
class CoordCNN(BaseModule):
    """Conv-BN-ReLU stages over single frames with coordinate channels.

    The input gets two coordinate channels (CoordConv) so that filters can
    respond to absolute position. The first stage starts with a
    ``stem_stride`` x ``stem_stride`` convolution of that stride (a patch
    embedding: every pixel is seen once, cheaply); each later stage starts
    with a stride-2 3x3 convolution; every stage then adds
    ``convs_per_stage - 1`` stride-1 3x3 convolutions. The output map keeps
    a spatial stride of ``stem_stride * 2 ** (len(channels) - 1)`` (4-8
    for small frames), fine enough for cues a few pixels wide.

    Args:
        in_channels: image channels.
        channels: output channels of each stage.
        convs_per_stage: convolutions per stage (the first strided).
        stem_stride: kernel size and stride of the first convolution.

    Shapes:
        (N, in_channels, H, W) -> (N, channels[-1], H / s, W / s) with
        s = stem_stride * 2 ** (len(channels) - 1) (H / stem_stride rounded
        down, then halved rounding up per later stage).
    """

    def __init__(self,
                 in_channels: int = 3,
                 channels: Sequence[int] = (32, 48),
                 convs_per_stage: int = 2,
                 stem_stride: int = 4,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not channels or convs_per_stage < 1 or stem_stride < 1:
            raise ValueError('CoordCNN needs at least one stage of at least '
                             'one convolution and a stem stride >= 1')
        layers = []
        width = in_channels + 2
        for stage, out in enumerate(channels):
            for i in range(convs_per_stage):
                if i > 0:
                    conv = nn.Conv2d(width, out, 3, padding=1, bias=False)
                elif stage == 0:
                    conv = nn.Conv2d(width, out, stem_stride,
                                     stride=stem_stride, bias=False)
                else:
                    conv = nn.Conv2d(width, out, 3, stride=2, padding=1,
                                     bias=False)
                layers += [
                    conv,
                    nn.BatchNorm2d(out),
                    nn.ReLU(inplace=True)
                ]
                width = out
        self.layers = nn.Sequential(*layers)
        self.out_channels = width

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(coordinate_channels(x))
