"""Labelling class-agnostic detections with an external video-level
classifier (ActionFormer's ActivityNet protocol)."""
from typing import Tuple

import numpy as np

__all__ = ['fuse_external_scores']


def fuse_external_scores(segments: np.ndarray,
                         scores: np.ndarray,
                         class_scores: np.ndarray,
                         topk: int = 2,
                         num_pred: int = 200
                         ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Give one video's proposals the classes of its external scores.

    As the ActionFormer release (``postprocess_results``): the video's
    ``num_pred`` best proposals are repeated once for each of the ``topk``
    classes with the highest external score, scored
    ``sqrt(class score × proposal score)``.

    Args:
        segments: (N, 2) proposals in seconds.
        scores: (N,) their (class-agnostic) scores.
        class_scores: (C,) the classifier's scores of this video.
        topk: classes per proposal.
        num_pred: proposals kept per video (highest scores first).

    Returns:
        (K·M, 2) segments, (K·M,) scores and (K·M,) class indices into
        ``class_scores``, K = min(topk, C), M = min(num_pred, N), grouped
        by class (best class first), proposals by descending score.
    """
    segments = np.asarray(segments, dtype=np.float64).reshape(-1, 2)
    scores = np.asarray(scores, dtype=np.float64).reshape(-1)
    class_scores = np.asarray(class_scores, dtype=np.float64).reshape(-1)
    if len(segments) != len(scores):
        raise ValueError(f'{len(segments)} segments but {len(scores)} '
                         'scores')
    if topk < 1 or num_pred < 1:
        raise ValueError(f'topk and num_pred must be >= 1, got {topk} and '
                         f'{num_pred}')
    kept = np.argsort(-scores, kind='stable')[:num_pred]
    classes = np.argsort(-class_scores, kind='stable')[:topk]
    fused = np.sqrt(class_scores[classes, None] * scores[None, kept])
    return (np.tile(segments[kept], (len(classes), 1)), fused.reshape(-1),
            np.repeat(classes, len(kept)).astype(np.int64))
