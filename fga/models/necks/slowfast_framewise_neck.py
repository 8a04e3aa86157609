"""Per-frame features from SlowFast's two pathways (F3AST)."""
from typing import Tuple

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class SlowFastFramewiseNeck(BaseModule):
    """Spatially average both pathways of ``ResNet3dSlowFast``, upsample
    the slow one linearly in time to the fast one's length, and concatenate
    ``[slow, fast]`` channels (2048 + 256 = 2304 for SlowFast-R50).

    With F3AST's backbone settings (spatial strides (1, 2, 2, 1), speed
    ratio 4, resample rate 4) the fast pathway keeps every input frame and
    the slow one every fourth, so the output has one feature per frame.

    Returns:
        (B, T, C_slow + C_fast) features.
    """

    def forward(self, x: Tuple[torch.Tensor, torch.Tensor], batch_size: int,
                num_frames: int) -> torch.Tensor:
        slow, fast = (f.mean(dim=(3, 4)) for f in x)
        if fast.shape[2] != num_frames:
            raise ValueError(f'the fast pathway gives {fast.shape[2]} steps '
                             f'for {num_frames} frames; F3AST needs '
                             'temporal stride 1 in the fast pathway')
        slow = F.interpolate(
            slow, scale_factor=fast.shape[2] / slow.shape[2], mode='linear')
        return torch.cat([slow, fast], dim=1).transpose(1, 2).contiguous()
