"""Conversions between tensors and arrays at package boundaries."""
import numpy as np

__all__ = ['to_numpy']


def to_numpy(value) -> np.ndarray:
    """A NumPy array of a tensor (detached, on the CPU) or array-like."""
    if hasattr(value, 'detach'):
        return value.detach().cpu().numpy()
    return np.asarray(value)
