"""Bidirectional GRU over per-frame features (F3ED's temporal head)."""
import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class BiGRUTemporalNeck(BaseModule):
    """(B, T, C) -> (B, T, D): a bidirectional GRU of width D, dropout and
    a linear map from 2D back to D (the reference's ``GRU`` temporal head;
    ``num_layers=3`` is its ``deeper_gru``).

    Args:
        in_channels: C.
        hidden_channels: D.
        num_layers: stacked GRU layers.
        dropout: before the output map (0.5 in the reference).
    """

    def __init__(self,
                 in_channels: int,
                 hidden_channels: int,
                 num_layers: int = 1,
                 dropout: float = 0.5,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.out_channels = hidden_channels
        self.gru = nn.GRU(in_channels, hidden_channels, num_layers=num_layers,
                          batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.proj = nn.Linear(2 * hidden_channels, hidden_channels)

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        out, _ = self.gru(feats)
        return self.proj(self.dropout(out))
