from typing import Optional, Tuple

import torch
from mmaction.models.backbones.resnet import ResNet
from mmaction.registry import MODELS
from torch import nn

from ..common.temporal_aggregation import (BLVNetTAM, TemporalPooling,
                                           pooled_frames)


def _aggregate_branch_input(conv1: nn.Module,
                            args: Tuple[torch.Tensor]) -> Tuple[torch.Tensor]:
    return (conv1.tam(args[0]), )


@MODELS.register_module()
class ResNetTAM(ResNet):
    """TAM-ResNet of IBM's study (Chen et al., CVPR 2021): a 2D ResNet whose
    blocks aggregate neighbouring frames with a :class:`BLVNetTAM` at the
    input of their residual branch; the identity path and its downsample
    see the un-aggregated input.

    The TAM lives in each block's ``conv1`` (``layerX.Y.conv1.tam``) and
    runs as its forward pre-hook, so MMAction2's blocks, checkpointing and
    torchvision weight loading stay as they are, and ImageNet weights load
    with only the TAM scales missing. ``tam=None`` gives TSN, with
    ``temporal_pool`` its "-tp" variant.

    Input (N·T, 3, H, W); output (N·T', C, H', W') with T' =
    :attr:`num_output_segments` (T, or T/8 with temporal pooling: after
    ``layer1``, ``layer2`` and ``layer3``). Use ``TSMHead`` with
    ``num_segments=T'`` and ``is_shift=True`` to average T' frames per
    video.

    Args:
        depth: 18, 34, 50, 101 or 152.
        num_segments: T, frames per video.
        tam: :class:`BLVNetTAM` options (``blending_frames``,
            ``blending_method``, ``depthwise``) or None.
        temporal_pool: None, ``'max'`` or ``'avg'``.
        **kwargs: ``ResNet`` arguments.
    """

    def __init__(self,
                 depth: int,
                 num_segments: int = 8,
                 tam: Optional[dict] = dict(),
                 temporal_pool: Optional[str] = None,
                 **kwargs) -> None:
        super().__init__(depth, **kwargs)
        self.num_segments = num_segments
        frames = num_segments
        self.temporal_pools = nn.ModuleDict()
        for i, name in enumerate(self.res_layers):
            if tam is not None:
                for block in getattr(self, name):
                    block.conv1.tam = BLVNetTAM(block.conv1.in_channels,
                                                frames, **tam)
                    block.conv1.register_forward_pre_hook(
                        _aggregate_branch_input)
            if temporal_pool is not None and i < len(self.res_layers) - 1:
                self.temporal_pools[name] = TemporalPooling(
                    frames, temporal_pool)
                frames = pooled_frames(frames)
        self.num_output_segments = frames

    def init_weights(self) -> None:
        super().init_weights()
        if isinstance(self.pretrained, str):
            # ImageNet weights have no TAM; IBM initialises the TAM scales
            # as every other conv (He normal, fan out) before loading them.
            for module in self.modules():
                if isinstance(module, BLVNetTAM):
                    for branch in module.branches:
                        nn.init.kaiming_normal_(
                            branch.weight, mode='fan_out', nonlinearity='relu')

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N·T, 3, H, W) → (N·T', C, H/32, W/32)."""
        x = self.maxpool(self.conv1(x))
        outs = []
        for i, name in enumerate(self.res_layers):
            x = getattr(self, name)(x)
            if i in self.out_indices:
                outs.append(x)
            if name in self.temporal_pools:
                x = self.temporal_pools[name](x)
        return outs[0] if len(outs) == 1 else tuple(outs)
