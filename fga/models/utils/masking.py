"""Masks of valid time steps."""
import torch
import torch.nn.functional as F

__all__ = ['downsample_mask']


def downsample_mask(mask: torch.Tensor, length: int) -> torch.Tensor:
    """Nearest-neighbour downsampling of a (B, 1, T) mask to ``length``
    steps (element ``i·T/length``), as ``F.interpolate(mode='nearest')``."""
    if mask.shape[-1] == length:
        return mask
    return F.interpolate(mask.float(), size=length, mode='nearest').bool()
