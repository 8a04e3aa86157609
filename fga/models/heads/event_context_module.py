"""F3ED's contextual module: refine a clip's sequence of events."""
from typing import Sequence

import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


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

    def forward(self, sequences: torch.Tensor,
                lengths: Sequence[int]) -> torch.Tensor:
        """(B, L, in) zero-padded event sequences of ``lengths`` events
        -> (B, L, out) (padding rows are 0 before the output map). The
        sequences are packed, so the backward direction starts at each
        sequence's last event and a result never depends on the padding
        (on the other clips of a batch)."""
        lengths = torch.as_tensor(list(lengths), dtype=torch.long)
        out = torch.zeros(sequences.shape[0], sequences.shape[1],
                          2 * self.gru.hidden_size, dtype=sequences.dtype,
                          device=sequences.device)
        real = lengths > 0
        if real.any():
            packed = pack_padded_sequence(sequences[real], lengths[real],
                                          batch_first=True,
                                          enforce_sorted=False)
            encoded, _ = self.gru(packed)
            encoded, _ = pad_packed_sequence(
                encoded, batch_first=True, total_length=sequences.shape[1])
            out[real] = encoded
        return self.fc(self.dropout(out))
