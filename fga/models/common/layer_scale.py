"""Learnable scales: a scalar, and LayerScale with stochastic depth."""
import torch
from torch import nn

__all__ = ['Scale', 'AffineDropPath']


class Scale(nn.Module):
    """A learnable scalar multiplier."""

    def __init__(self, init_value: float = 1.0) -> None:
        super().__init__()
        self.scale = nn.Parameter(
            torch.tensor(init_value, dtype=torch.float32))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale


class AffineDropPath(nn.Module):
    """Per-channel learnable scale (LayerScale, init 1e-4) followed by
    per-sample stochastic depth; survivors are divided by the keep
    probability."""

    def __init__(self,
                 num_channels: int,
                 drop_prob: float = 0.0,
                 init_scale: float = 1e-4) -> None:
        super().__init__()
        self.scale = nn.Parameter(init_scale * torch.ones(1, num_channels, 1))
        self.drop_prob = drop_prob

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.scale * x
        if self.drop_prob == 0.0 or not self.training:
            return x
        keep = 1 - self.drop_prob
        shape = (x.shape[0], ) + (1, ) * (x.ndim - 1)
        survivors = (
            keep + torch.rand(shape, dtype=x.dtype, device=x.device)).floor()
        return x / keep * survivors
