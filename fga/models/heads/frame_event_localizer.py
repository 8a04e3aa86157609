"""F3ED's event localizer: is each frame an event?"""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class FrameEventLocalizer(BaseModule):
    """Per-frame (no event, event) logits; cross-entropy whose event class
    weighs ``event_weight`` (5 in the reference: events are rare frames).

    Args:
        in_channels: per-frame feature size.
        event_weight: class-balancing weight of the event class.
    """

    def __init__(self, in_channels: int, event_weight: float = 5.0,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.fc = nn.Linear(in_channels, 2)
        self.event_weight = event_weight

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, T, 2) logits."""
        return self.fc(feats)

    def loss(self, logits: torch.Tensor, targets: torch.Tensor,
             valid_mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Weighted cross-entropy over the valid frames.

        Args:
            logits: (B, T, 2).
            targets: (B, T) 0/1.
            valid_mask: (B, T) frames to score (padding excluded).
        """
        weight = logits.new_tensor([1.0, self.event_weight])
        if valid_mask is not None:
            targets = targets.masked_fill(~valid_mask, -100)
        return F.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                               weight=weight, ignore_index=-100)
