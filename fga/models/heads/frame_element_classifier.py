"""F3ED's multi-label element classifier."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class FrameElementClassifier(BaseModule):
    """Per-frame element logits (sigmoid: one independent label per
    element); binary cross-entropy averaged over event frames only.

    Args:
        in_channels: per-frame feature size.
        num_elements: E.
    """

    def __init__(self, in_channels: int, num_elements: int,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.fc = nn.Linear(in_channels, num_elements)

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, T, E) logits."""
        return self.fc(feats)

    @staticmethod
    def loss(logits: torch.Tensor, targets: torch.Tensor,
             event_mask: torch.Tensor) -> torch.Tensor:
        """Masked BCE: (B, T, E) logits and targets, (B, T) bool event
        frames; 0 when a batch has no event frame (the reference skips the
        NaN it gets there)."""
        bce = F.binary_cross_entropy_with_logits(
            logits, targets.float(), reduction='none')
        mask = event_mask.unsqueeze(-1).expand_as(bce).float()
        return (bce * mask).sum() / mask.sum().clamp(min=1)
