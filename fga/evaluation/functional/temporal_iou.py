"""Temporal intersection over union of 1-D segments."""
import numpy as np

__all__ = ['broadcast_segment_iou', 'segment_iou', 'pairwise_segment_iou']


def broadcast_segment_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """tIoU of segments ``a`` (..., 2) and ``b`` (..., 2) broadcast against
    each other, in float64.

    The formula (and therefore every rounding step) is the ActivityNet
    evaluation's, so thresholds compare exactly as in the official code.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    inter = (np.minimum(a[..., 1], b[..., 1]) -
             np.maximum(a[..., 0], b[..., 0])).clip(0)
    union = (b[..., 1] - b[..., 0]) + (a[..., 1] - a[..., 0]) - inter
    with np.errstate(divide='ignore', invalid='ignore'):
        return inter / union


def segment_iou(target: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """tIoU of one segment (2,) against candidates (N, 2) → (N,)."""
    return broadcast_segment_iou(
        np.asarray(target)[None],
        np.asarray(candidates).reshape(-1, 2))


def pairwise_segment_iou(segments_a: np.ndarray,
                         segments_b: np.ndarray) -> np.ndarray:
    """tIoU between every row of ``segments_a`` (A, 2) and ``segments_b``
    (B, 2), returned as (A, B)."""
    a = np.asarray(segments_a).reshape(-1, 2)
    b = np.asarray(segments_b).reshape(-1, 2)
    return broadcast_segment_iou(a[:, None], b[None])
