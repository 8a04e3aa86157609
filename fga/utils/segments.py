"""Temporal intersection over union of 1-D segments, the one formula that
evaluation (float64, ActivityNet's rounding) and NMS (float32, with
ActionFormer's ``+1e-6`` lengths) both use."""
import numpy as np

__all__ = ['segment_iou']


def segment_iou(a, b, length_eps: float = 0.0):
    """tIoU of segments ``a`` (..., 2) and ``b`` (..., 2) broadcast against
    each other, computed in their dtype: both NumPy arrays or both torch
    tensors.

    ``inter / ((len_b + eps) + (len_a + eps) − inter)`` with ``inter`` the
    clipped overlap: with ``length_eps = 0`` exactly the ActivityNet
    evaluation's steps, so thresholds compare as in the official code; a
    zero-length union gives NaN.
    """
    if isinstance(a, np.ndarray):
        minimum, maximum = np.minimum, np.maximum
    else:
        import torch  # only reached with tensors, when torch is loaded
        minimum, maximum = torch.minimum, torch.maximum
    inter = (minimum(a[..., 1], b[..., 1]) -
             maximum(a[..., 0], b[..., 0])).clip(0)
    union = (b[..., 1] - b[..., 0] + length_eps) + (a[..., 1] - a[..., 0] +
                                                    length_eps) - inter
    if isinstance(union, np.ndarray):
        with np.errstate(divide='ignore', invalid='ignore'):
            return inter / union
    return inter / union
