"""Per-frame spotting head with dilated temporal convolutions."""
from typing import Sequence

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from fga.models import FramewiseSpottingHead


@MODELS.register_module()
class TCNSpottingHead(FramewiseSpottingHead):
    """``FramewiseSpottingHead`` whose temporal model is a residual stack
    of dilated 1-D convolutions instead of a GRU; targets, loss and decoding
    are inherited.

    Args:
        dilations: one residual block (kernel 3) per dilation.
    """

    def __init__(self,
                 in_channels: int,
                 num_classes: int,
                 hidden_channels: int = 128,
                 dilations: Sequence[int] = (1, 2, 4, 8),
                 **kwargs) -> None:
        super().__init__(in_channels, num_classes, hidden_channels, **kwargs)
        del self.gru
        self.proj = nn.Conv1d(in_channels, hidden_channels, 1)
        self.blocks = nn.ModuleList(
            nn.Sequential(
                nn.Conv1d(hidden_channels, hidden_channels, 3,
                          padding=d, dilation=d), nn.ReLU())
            for d in dilations)
        self.fc = nn.Linear(hidden_channels, num_classes + 1)

    def forward(self, feats: torch.Tensor,
                valid_mask: torch.Tensor) -> torch.Tensor:
        """(B, T, C_in), (B, T) -> (B, T, num_classes + 1)."""
        x = self.proj(feats.transpose(1, 2))
        keep = valid_mask[:, None].to(x.dtype)
        for block in self.blocks:
            # Padded frames carry no signal into their neighbours.
            x = x + block(x * keep)
        return self.fc(self.dropout(x.transpose(1, 2)))
