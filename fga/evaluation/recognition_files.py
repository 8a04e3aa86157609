"""Score recognition dumps (``tools/test.py --dump`` of a recognizer), one
or several fused, as MMAction2's ``AccMetric`` scores them."""
from typing import List, Optional, Sequence

import numpy as np

from fga.annotations import AnnotationError, load_recognition_dump

__all__ = ['fuse_scores', 'evaluate_recognition_files']


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fuse_scores(scores: Sequence[np.ndarray],
                coefficients: Sequence[float],
                apply_softmax: bool = False) -> np.ndarray:
    """``sum_i coefficients[i] * scores[i]`` over ``(N, C)`` arrays, each
    softmax-normalised first when ``apply_softmax``."""
    if len(scores) != len(coefficients):
        raise ValueError(f'{len(scores)} score sets but {len(coefficients)} '
                         'coefficients')
    return sum(c * (_softmax(s) if apply_softmax else s)
               for c, s in zip(coefficients, scores))


def evaluate_recognition_files(paths: List[str],
                               coefficients: Optional[List[float]] = None,
                               apply_softmax: bool = False,
                               topk: Sequence[int] = (1, 5)) -> dict:
    """``top{k}_accuracy`` for each ``k`` and ``mean_class_accuracy`` of the
    fused dumps; every dump must hold the same samples (same labels, same
    number of classes) in the same order."""
    from mmaction.evaluation.functional import (mean_class_accuracy,
                                                top_k_accuracy)
    loaded = [load_recognition_dump(p) for p in paths]
    scores0, labels = loaded[0]
    for path, (scores, other) in zip(paths[1:], loaded[1:]):
        if scores.shape != scores0.shape or not np.array_equal(other, labels):
            raise AnnotationError(
                f'{path}: does not hold the samples of {paths[0]} '
                f'({scores.shape[0]} samples x {scores.shape[1]} classes vs '
                f'{scores0.shape[0]} x {scores0.shape[1]}, or other labels)')
    if coefficients is None:
        coefficients = [1.0] * len(paths)
    fused = fuse_scores([s for s, _ in loaded], coefficients, apply_softmax)
    # k beyond the number of classes counts every class, as in AccMetric.
    result = {f'top{k}_accuracy': float(a)
              for k, a in zip(topk, top_k_accuracy(fused, labels, topk))}
    result['mean_class_accuracy'] = float(mean_class_accuracy(fused, labels))
    return result
