from typing import Optional, Tuple

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.logging import MMLogger
from mmengine.model import BaseModule
from mmengine.runner.checkpoint import CheckpointLoader
from torch import nn

from ..common.inception import INCEPTION_V1_WIDTHS, BasicConv, InceptionBlock
from ..utils.inflation import inflate_2d_state_dict


@MODELS.register_module()
class I3DInception(BaseModule):
    """I3D on InceptionV1 (Carreira & Zisserman, CVPR 2017) as in IBM's
    study (Chen et al., CVPR 2021), not MMAction2's I3D-ResNet.

    conv1 7×7×7, stride (1, 2, 2) (no temporal stride in the stem) →
    max-pool (1, 3, 3)/(1, 2, 2) → conv2 1×1×1 → conv3 3×3×3 → pool →
    3a, 3b → pool → 4a–4e → pool → 5a, 5b: (N, 1024, T', H/32, W/32).
    The three pools are 3×3×3, stride (t, 2, 2), padding 1, with t = 2
    when ``temporal_stride`` (T' = T/8) and 1 otherwise. Pair with
    ``I3DHead`` (spatio-temporal average, dropout, FC), which equals IBM's
    per-step FC averaged over time. Normalise inputs with mean 0.5 / std
    0.5 (×255).

    Args:
        temporal_stride: halve time at the three later pools.
        pooling: ``'max'`` (default) or ``'avg'`` for every pool.
        pretrained2d: a 2D GoogLeNet checkpoint (torchvision names; a path
            or URL, loaded safely) whose convs are inflated along time.
        inflate_divide: divide inflated kernels by their length, as
            MMAction2 does; IBM repeats them undivided (``False``).
    """

    separable = False
    conv1_kernel: Tuple[int, int, int] = (7, 7, 7)
    last_pool_kernel = 3

    def __init__(self,
                 temporal_stride: bool = True,
                 pooling: str = 'max',
                 pretrained2d: Optional[str] = None,
                 inflate_divide: bool = False,
                 init_cfg: Optional[dict] = dict(
                     type='Kaiming', layer='Conv3d'),
                 **block_options) -> None:
        super().__init__(init_cfg=init_cfg)
        if pooling not in ('max', 'avg'):
            raise ValueError(f"pooling must be 'max' or 'avg', got "
                             f'{pooling!r}')
        self.pool = F.max_pool3d if pooling == 'max' else F.avg_pool3d
        self.t_stride = 2 if temporal_stride else 1
        self.pretrained2d = pretrained2d
        self.inflate_divide = inflate_divide
        kt = self.conv1_kernel[0]
        self.conv1 = BasicConv(
            3, 64, self.conv1_kernel, (1, 2, 2), (kt // 2, 3, 3), dims=3)
        self.conv2 = BasicConv(64, 64, 1, dims=3)
        self.conv3 = self._spatiotemporal_conv(64, 192, block_options)
        self.blocks = [f'inception{name}' for name in INCEPTION_V1_WIDTHS]
        for name, widths in INCEPTION_V1_WIDTHS.items():
            self.add_module(
                f'inception{name}',
                InceptionBlock(
                    widths, dims=3, separable=self.separable, **block_options))

    def _spatiotemporal_conv(self, in_channels: int, out_channels: int,
                             block_options: dict) -> nn.Module:
        return BasicConv(in_channels, out_channels, 3, padding=1, dims=3)

    def init_weights(self) -> None:
        super().init_weights()
        if self.pretrained2d is None:
            return
        state_2d = CheckpointLoader.load_checkpoint(self.pretrained2d,
                                                    map_location='cpu')
        state_2d = state_2d.get('state_dict', state_2d)
        inflated = inflate_2d_state_dict(
            state_2d, self.state_dict(), divide=self.inflate_divide)
        missing, _ = self.load_state_dict(inflated, strict=False)
        MMLogger.get_current_instance().info(
            f'inflated {len(inflated)} tensors from {self.pretrained2d}; '
            f'{len(missing)} stay as initialised (e.g. temporal convs)')

    def _downsample(self, x: torch.Tensor, last: bool = False) -> torch.Tensor:
        if last and self.last_pool_kernel == 2:
            return self.pool(x, 2, (self.t_stride, 2, 2))
        return self.pool(x, 3, (self.t_stride, 2, 2), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N, 3, T, H, W) → (N, 1024, T', H/32, W/32)."""
        x = self.conv1(x)
        x = self.pool(x, (1, 3, 3), (1, 2, 2), (0, 1, 1))
        x = self.conv3(self.conv2(x))
        for name in self.blocks:
            if name[-2:] in ('3a', '4a', '5a'):
                x = self._downsample(x, last=name.endswith('5a'))
            x = getattr(self, name)(x)
        return x
