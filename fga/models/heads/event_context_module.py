"""F3ED's contextual module: refine a clip's sequence of events."""
import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class EventContextModule(BaseModule):
    """A bidirectional GRU over the sequence of a clip's events, each an
    input vector (element probabilities, optionally with side
    information), and a linear map to refined logits.

    Args:
        in_channels: size of an event's input vector.
        out_channels: size of its refined logits.
        hidden_channels: GRU width.
        num_layers: stacked GRU layers.
        dropout: before the output map.
    """

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 hidden_channels: int = 128,
                 num_layers: int = 1,
                 dropout: float = 0.5,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.gru = nn.GRU(in_channels, hidden_channels, num_layers=num_layers,
                          batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * hidden_channels, out_channels)

    def forward(self, sequences: torch.Tensor) -> torch.Tensor:
        """(B, L, in) zero-padded event sequences -> (B, L, out)."""
        out, _ = self.gru(sequences)
        return self.fc(self.dropout(out))
