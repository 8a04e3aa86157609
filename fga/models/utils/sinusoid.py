"""Sinusoidal position tables (Vaswani et al., 2017)."""
import torch

__all__ = ['sinusoid_table']


def sinusoid_table(length: int, channels: int) -> torch.Tensor:
    """Sinusoidal positions (1, C, T): sin on even, cos on odd channels,
    angle ``t / 10000^(2·(c // 2) / C)``."""
    t = torch.arange(length, dtype=torch.float64)[:, None]
    c = torch.arange(channels, dtype=torch.float64)[None]
    angle = t / torch.pow(
        10000.0, 2 * torch.div(c, 2, rounding_mode='floor') / channels)
    table = torch.where(c % 2 == 0, torch.sin(angle), torch.cos(angle))
    return table.float().T[None]
