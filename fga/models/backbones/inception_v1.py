from typing import List, Optional

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from torch import nn

from ..common.inception import INCEPTION_V1_WIDTHS, BasicConv, InceptionBlock
from ..common.temporal_aggregation import (BLVNetTAM, TemporalPooling,
                                           pooled_frames)


@MODELS.register_module()
class InceptionV1(BaseModule):
    """2D InceptionV1 (GoogLeNet without auxiliary heads) applied per frame,
    for TSN, with the options of IBM's study (Chen et al., CVPR 2021).

    conv1 7×7/2 → max-pool 3/2 → conv2 1×1 → conv3 3×3 → max-pool 3/2 →
    3a, 3b → max-pool 3/2 → 4a–4e → max-pool 2/2 → 5a, 5b: (N·T, 1024,
    H/32, W/32). Max-pools use ``ceil_mode``, as torchvision's GoogLeNet,
    whose ImageNet checkpoint loads by name (``init_cfg=dict(
    type='Pretrained', checkpoint=...)``; its ``fc`` and ``aux`` keys are
    ignored). Normalise inputs with mean 0.5 / std 0.5 (×255).

    Args:
        num_segments: T, frames per video (for TAM and temporal pooling).
        tam: :class:`BLVNetTAM` options; a TAM then follows conv1, conv2,
            conv3 and every Inception block (``tam1`` … ``tam5b``).
        temporal_pool: None, ``'max'`` or ``'avg'``: "-tp", T halves after
            the 2nd, 3rd and 4th max-pools. Output T' =
            :attr:`num_output_segments` frames per video.
    """

    def __init__(
        self,
        num_segments: int = 8,
        tam: Optional[dict] = None,
        temporal_pool: Optional[str] = None,
        init_cfg: Optional[dict] = dict(type='Kaiming', layer='Conv2d')
    ) -> None:
        super().__init__(init_cfg=init_cfg)
        self.num_segments = num_segments
        self.stages: List[str] = []
        frames = num_segments

        def add(name: str, module: nn.Module, channels: int = 0) -> None:
            self.add_module(name, module)
            self.stages.append(name)
            if channels and tam is not None:
                tam_name = 'tam' + name.replace('conv', '').replace(
                    'inception', '')
                self.add_module(tam_name, BLVNetTAM(channels, frames, **tam))
                self.stages.append(tam_name)

        def downsample(index: int, kernel: int) -> None:
            nonlocal frames
            add(f'maxpool{index}', nn.MaxPool2d(kernel, 2, ceil_mode=True))
            if temporal_pool is not None and index > 1:
                add(f't_pool{index - 1}',
                    TemporalPooling(frames, temporal_pool))
                frames = pooled_frames(frames)

        add('conv1', BasicConv(3, 64, 7, 2, 3), 64)
        downsample(1, 3)
        add('conv2', BasicConv(64, 64, 1), 64)
        add('conv3', BasicConv(64, 192, 3, padding=1), 192)
        for name, widths in INCEPTION_V1_WIDTHS.items():
            if name in ('3a', '4a', '5a'):
                downsample({
                    '3a': 2,
                    '4a': 3,
                    '5a': 4
                }[name], 2 if name == '5a' else 3)
            block = InceptionBlock(widths)
            add(f'inception{name}', block, block.out_channels)
        self.num_output_segments = frames

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N·T, 3, H, W) → (N·T', 1024, H/32, W/32)."""
        for name in self.stages:
            x = getattr(self, name)(x)
        return x
