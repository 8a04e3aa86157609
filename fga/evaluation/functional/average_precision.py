"""Step-wise (non-interpolated) average precision, one-vs-rest per class."""
import numpy as np

__all__ = ['average_precision_per_class']


def average_precision_per_class(labels: np.ndarray,
                                scores: np.ndarray) -> np.ndarray:
    """AP of every column of ``scores``, as scikit-learn's
    ``average_precision_score(labels, scores, average=None)`` computes it.

    AP = sum over distinct score thresholds (descending) of
    ``(R_t - R_{t-1}) * P_t``: rows with tied scores enter together, so a
    positive tied with many negatives gets their precision.

    Args:
        labels: (N,) int class index of each row, in ``[0, C)``.
        scores: (N, C) score of each row for each class.

    Returns:
        (C,) float AP per class; NaN for a class with no positive row.
    """
    labels = np.asarray(labels, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.float64)
    num_rows, num_classes = scores.shape
    if labels.shape != (num_rows, ):
        raise ValueError(f'labels has shape {labels.shape}, expected '
                         f'({num_rows},) to match scores {scores.shape}')
    if num_rows == 0:
        return np.full(num_classes, np.nan)

    # One contiguous row per class; the order inside a tie run does not
    # matter because only its last row is read.
    by_class = np.ascontiguousarray(scores.T)
    order = np.argsort(-by_class, axis=1)
    sorted_scores = np.take_along_axis(by_class, order, axis=1)
    positive = labels[order] == np.arange(num_classes)[:, None]
    true_pos = np.cumsum(positive, axis=1, dtype=np.float64)

    run_end = np.ones_like(positive)
    run_end[:, :-1] = sorted_scores[:, :-1] != sorted_scores[:, 1:]
    ap = np.full(num_classes, np.nan)
    for c in np.flatnonzero(true_pos[:, -1] > 0):
        rows = np.flatnonzero(run_end[c])
        tps = true_pos[c, rows]
        # Same operations, in the same order, as scikit-learn, so the
        # result agrees to the last bit.
        precision = np.r_[(tps / (rows + 1))[::-1], 1.0]
        recall = np.r_[(tps / tps[-1])[::-1], 0.0]
        ap[c] = max(0.0, -np.sum(np.diff(recall) * precision[:-1]))
    return ap
