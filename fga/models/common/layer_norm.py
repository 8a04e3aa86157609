"""LayerNorm over the channels of (B, C, T) features."""
import torch
from torch import nn

__all__ = ['ChannelLayerNorm']


class ChannelLayerNorm(nn.Module):
    """LayerNorm over channels of a (B, C, T) tensor, affine (1, C, 1)."""

    def __init__(self, num_channels: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(1, num_channels, 1))
        self.bias = nn.Parameter(torch.zeros(1, num_channels, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        centred = x - x.mean(dim=1, keepdim=True)
        variance = (centred**2).mean(dim=1, keepdim=True)
        return centred / torch.sqrt(variance + self.eps) * self.weight + \
            self.bias
