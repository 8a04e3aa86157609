from typing import Sequence, Tuple

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from torch import nn

from ..common import ChannelLayerNorm


@MODELS.register_module()
class FPNIdentity(BaseModule):
    """ActionFormer's pyramid neck: passes levels ``start_level`` onwards
    through, each with its own channel LayerNorm.

    Shapes:
        levels of (B, C, T_l) and valid masks (B, T_l) → the same.
    """

    def __init__(self,
                 in_channels: Sequence[int],
                 out_channels: int,
                 start_level: int = 0,
                 with_ln: bool = True,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        for i, channels in enumerate(in_channels[start_level:], start_level):
            if channels != out_channels:
                raise ValueError(f'FPNIdentity cannot change channels: level '
                                 f'{i} has {channels}, out_channels is '
                                 f'{out_channels}')
        self.start_level = start_level
        self.fpn_norms = nn.ModuleList([
            ChannelLayerNorm(out_channels) if with_ln else nn.Identity()
            for _ in in_channels[start_level:]
        ])

    def forward(
        self, feats: Sequence[torch.Tensor], masks: Sequence[torch.Tensor]
    ) -> Tuple[Tuple[torch.Tensor, ...], Tuple[torch.Tensor, ...]]:
        levels = range(self.start_level, len(feats))
        return (tuple(
            norm(feats[i]) for norm, i in zip(self.fpn_norms, levels)),
                tuple(masks[i] for i in levels))
