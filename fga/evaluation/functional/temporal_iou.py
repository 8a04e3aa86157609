"""Temporal intersection over union of 1-D segments."""
import numpy as np

__all__ = ['segment_iou', 'pairwise_segment_iou']


def segment_iou(target: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """tIoU of one segment against many, in float64.

    The formula (and therefore every rounding step) is the ActivityNet
    evaluation's, so thresholds compare exactly as in the official code.

    Args:
        target: (2,) ``[start, end]``.
        candidates: (N, 2) ``[start, end]`` rows.

    Returns:
        (N,) tIoU.
    """
    return pairwise_segment_iou(np.asarray(target)[None], candidates)[0]


def pairwise_segment_iou(segments_a: np.ndarray,
                         segments_b: np.ndarray) -> np.ndarray:
    """tIoU between every row of ``segments_a`` (A, 2) and ``segments_b``
    (B, 2), returned as (A, B) float64."""
    a = np.asarray(segments_a, dtype=np.float64).reshape(-1, 2)
    b = np.asarray(segments_b, dtype=np.float64).reshape(-1, 2)
    inter = (np.minimum(a[:, None, 1], b[None, :, 1]) -
             np.maximum(a[:, None, 0], b[None, :, 0])).clip(0)
    union = ((b[None, :, 1] - b[None, :, 0]) + (a[:, None, 1] - a[:, None, 0])
             - inter)
    with np.errstate(divide='ignore', invalid='ignore'):
        return inter / union
