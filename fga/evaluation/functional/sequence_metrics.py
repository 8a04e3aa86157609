"""Metrics on ordered label sequences (F3AST): accuracy, edit score, success
rate and sequence-aligned mAP.

Labels are class indices in ``[0, C)``. Tolerance is a symmetric boolean
matrix ``equivalent`` of shape (C, C): ``a`` and ``b`` count as the same
label when ``a == b`` or ``equivalent[a, b]``; it is not transitive.
All functions evaluate every video at once with padded arrays.

A video *missing* from a prediction file (``missing[v]``) is an empty
prediction that misses its whole ground truth, in every metric: edit score
0 and no success (as any empty prediction), its ``|g_v|`` labels count as
wrong aligned positions in the accuracy, and as positives scored 0 (rows of
zero probability) in the mAP. Without that, accuracy and mAP, which only
look at aligned positions, would ignore the videos a file leaves out.
"""
import warnings
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np

from .average_precision import average_precision_per_class

__all__ = [
    'equivalence_matrix', 'collapse_runs', 'edit_distances', 'edit_scores',
    'sequence_accuracy', 'success_rate', 'sequence_map', 'sequence_metrics'
]

_PRED_PAD = -1
_GT_PAD = -2


def equivalence_matrix(num_classes: int,
                       pairs: Iterable[Tuple[int, int]]) -> np.ndarray:
    """(C, C) bool matrix marking each unordered pair as interchangeable."""
    matrix = np.zeros((num_classes, num_classes), dtype=bool)
    for a, b in pairs:
        matrix[a, b] = matrix[b, a] = True
    return matrix


def collapse_runs(sequence: Sequence[int]) -> np.ndarray:
    """Drop repeats of the previous label: [5, 5, 7, 7, 5] -> [5, 7, 5]."""
    seq = np.asarray(sequence, dtype=np.int64)
    if seq.size == 0:
        return seq
    keep = np.ones(seq.size, dtype=bool)
    keep[1:] = seq[1:] != seq[:-1]
    return seq[keep]


def _concat(sequences: Sequence[Sequence[int]]):
    """All sequences end to end, with their lengths."""
    lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64,
                          count=len(sequences))
    flat = np.concatenate([np.asarray(s, dtype=np.int64) for s in sequences]
                          ) if lengths.sum() else np.zeros(0, np.int64)
    return flat, lengths


def _pad(sequences: Sequence[Sequence[int]], fill: int) -> np.ndarray:
    """(N, L_max + 1) int array; the extra column keeps L_max >= 1."""
    flat, lengths = _concat(sequences)
    out = np.full((len(sequences), int(lengths.max(initial=0)) + 1), fill,
                  dtype=np.int64)
    rows = np.repeat(np.arange(len(sequences)), lengths)
    cols = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths,
                                            lengths)
    out[rows, cols] = flat
    return out


def _collapse_all(sequences: Sequence[Sequence[int]]) -> List[np.ndarray]:
    """:func:`collapse_runs` of every sequence, in one pass."""
    flat, lengths = _concat(sequences)
    keep = np.ones(len(flat), dtype=bool)
    keep[1:] = flat[1:] != flat[:-1]
    starts = np.cumsum(lengths) - lengths
    keep[starts[lengths > 0]] = True
    rows = np.repeat(np.arange(len(sequences)), lengths)
    kept = np.bincount(rows[keep], minlength=len(sequences))
    return np.split(flat[keep], np.cumsum(kept)[:-1])


def _same(pred: np.ndarray, gt: np.ndarray,
          equivalent: Optional[np.ndarray]) -> np.ndarray:
    """Elementwise "same label" for padded arrays (pads never match)."""
    same = pred == gt
    if equivalent is not None:
        valid = (pred >= 0) & (gt >= 0)
        same |= valid & equivalent[np.where(valid, pred, 0),
                                   np.where(valid, gt, 0)]
    return same


def edit_distances(preds: Sequence[Sequence[int]],
                   gts: Sequence[Sequence[int]],
                   equivalent: Optional[np.ndarray] = None) -> np.ndarray:
    """Levenshtein distance (unit costs, free substitution of equivalent
    labels) of every (pred, gt) pair.

    Returns:
        (N,) int distances.
    """
    if len(preds) != len(gts):
        raise ValueError(f'{len(preds)} predictions for {len(gts)} videos')
    num = len(preds)
    pred = _pad(preds, _PRED_PAD)
    gt = _pad(gts, _GT_PAD)
    len_pred = np.array([len(s) for s in preds], dtype=np.int64)
    len_gt = np.array([len(s) for s in gts], dtype=np.int64)
    max_pred, max_gt = int(len_pred.max(initial=0)), int(len_gt.max(initial=0))

    # prev[:, j] = D[i - 1, j]; cells past a video's own lengths are never
    # read back for that video, so padding cannot leak into its answer.
    prev = np.broadcast_to(np.arange(max_gt + 1), (num, max_gt + 1)).copy()
    final = np.where(len_pred == 0, len_gt, 0)
    for i in range(1, max_pred + 1):
        cur = np.empty_like(prev)
        cur[:, 0] = i
        substitution = prev[:, :-1] + ~_same(pred[:, i - 1:i],
                                             gt[:, :max_gt], equivalent)
        deletion = prev[:, 1:] + 1
        best = np.minimum(substitution, deletion)
        for j in range(1, max_gt + 1):
            cur[:, j] = np.minimum(best[:, j - 1], cur[:, j - 1] + 1)
        done = len_pred == i
        final[done] = cur[done, len_gt[done]]
        prev = cur
    return final


def edit_scores(preds: Sequence[Sequence[int]],
                gts: Sequence[Sequence[int]],
                equivalent: Optional[np.ndarray] = None,
                collapse: bool = True) -> np.ndarray:
    """Edit score per video, 0-100: ``100 * (1 - L / max(len))``.

    With ``collapse`` (the reference's segmental edit score), runs of equal
    consecutive labels count once in both sequences. Two empty sequences
    score 100 (the reference divides 0 by 0 and returns NaN); one empty
    sequence scores 0.

    Returns:
        (N,) float scores.
    """
    if collapse:
        preds, gts = _collapse_all(preds), _collapse_all(gts)
    dist = edit_distances(preds, gts, equivalent)
    longest = np.array([max(len(p), len(g)) for p, g in zip(preds, gts)],
                       dtype=np.float64)
    scores = np.full(len(preds), 100.0)
    nonempty = longest > 0
    scores[nonempty] = (1 - dist[nonempty] / longest[nonempty]) * 100
    return scores


def _aligned(preds, gts, equivalent):
    pred = _pad(preds, _PRED_PAD)
    gt = _pad(gts, _GT_PAD)
    width = min(pred.shape[1], gt.shape[1])
    return _same(pred[:, :width], gt[:, :width], equivalent)


def _missing_mask(missing: Optional[Sequence[bool]],
                  num_videos: int) -> np.ndarray:
    if missing is None:
        return np.zeros(num_videos, dtype=bool)
    mask = np.asarray(missing, dtype=bool)
    if mask.shape != (num_videos, ):
        raise ValueError(f'missing has {mask.size} entries for {num_videos} '
                         'videos')
    return mask


def sequence_accuracy(preds: Sequence[Sequence[int]],
                      gts: Sequence[Sequence[int]],
                      equivalent: Optional[np.ndarray] = None,
                      missing: Optional[Sequence[bool]] = None) -> float:
    """Position-aligned micro accuracy over the first ``min(|p|, |g|)``
    items of every video; the ``|g|`` items of a ``missing`` video all
    count as wrong. 0.0, with a warning, when nothing is aligned (the
    reference raises ZeroDivisionError)."""
    absent = _missing_mask(missing, len(gts))
    aligned = sum(min(len(p), len(g)) for p, g in zip(preds, gts)) + sum(
        len(g) for g, a in zip(gts, absent) if a)
    if aligned == 0:
        warnings.warn('sequence accuracy: no prediction overlaps a ground '
                      'truth position (all predictions empty?); returning 0')
        return 0.0
    return float(_aligned(preds, gts, equivalent).sum() / aligned)


def success_rate(preds: Sequence[Sequence[int]],
                 gts: Sequence[Sequence[int]],
                 equivalent: Optional[np.ndarray] = None) -> float:
    """Fraction of videos whose prediction has the ground truth's length and
    matches it at every position (no run collapsing)."""
    if not gts:
        return 0.0
    same_len = np.array([len(p) == len(g) for p, g in zip(preds, gts)])
    pred = _pad(preds, _PRED_PAD)
    gt = _pad(gts, _GT_PAD)
    width = max(pred.shape[1], gt.shape[1])
    pred = np.pad(pred, ((0, 0), (0, width - pred.shape[1])),
                  constant_values=_PRED_PAD)
    gt = np.pad(gt, ((0, 0), (0, width - gt.shape[1])),
                constant_values=_GT_PAD)
    inside = np.arange(width)[None, :] < np.array([len(g) for g in gts])[:,
                                                                         None]
    ok = (_same(pred, gt, equivalent) | ~inside).all(axis=1) & same_len
    return float(ok.mean())


def sequence_map(pred_scores: Sequence[np.ndarray],
                 gts: Sequence[Sequence[int]],
                 num_classes: int,
                 dummy_rows: bool = True,
                 missing: Optional[Sequence[bool]] = None
                 ) -> Tuple[float, np.ndarray]:
    """mAP of the probability rows aligned with the ground truth.

    Row ``j`` of video ``v`` (``j < min(|p_v|, |g_v|)``) is labelled
    ``g_v[j]``. With ``dummy_rows`` (the reference), every class absent from
    the aligned labels gets one extra row, labelled with it and scored
    one-hot, and is excluded from the mean; this adds negatives for the other
    classes. Without it only the aligned rows are scored, over the classes
    present among them. A ``missing`` video adds one all-zero row per
    ground-truth label.

    Args:
        pred_scores: per video (|p_v|, C) probability rows.
        gts: per video ground-truth class indices.
        num_classes: C.
        dummy_rows: reproduce the reference's padding rows.
        missing: per video, True when it has no prediction at all.

    Returns:
        (mAP, per-class AP with NaN for classes left out of the mean).
    """
    labels: List[np.ndarray] = [np.zeros(0, np.int64)]
    rows: List[np.ndarray] = [np.zeros((0, num_classes))]
    for scores, gt, absent in zip(pred_scores, gts,
                                  _missing_mask(missing, len(gts))):
        if absent:
            scores = np.zeros((len(gt), num_classes))
        m = min(len(scores), len(gt))
        labels.append(gt[:m])
        rows.append(scores[:m])
    y_true = np.concatenate(labels).astype(np.int64)
    y_score = np.concatenate(rows).astype(np.float64).reshape(-1, num_classes)
    present = np.zeros(num_classes, dtype=bool)
    present[y_true] = True
    if not present.any():
        warnings.warn('sequence mAP: no aligned prediction rows; returning 0')
        return 0.0, np.full(num_classes, np.nan)
    if dummy_rows:
        absent = np.flatnonzero(~present)
        y_true = np.concatenate([y_true, absent])
        y_score = np.concatenate([y_score, np.eye(num_classes)[absent]])
    ap = average_precision_per_class(y_true, y_score)
    ap[~present] = np.nan
    # np.sum over the zero-filled array, as numpy's masked mean computes it.
    mean_ap = np.sum(np.where(present, ap, 0.0)) / present.sum()
    return float(mean_ap), ap


def sequence_metrics(preds: Sequence[Sequence[int]],
                     pred_scores: Sequence[np.ndarray],
                     gts: Sequence[Sequence[int]],
                     num_classes: int,
                     equivalent: Optional[np.ndarray] = None,
                     collapse: bool = True,
                     map_dummy_rows: bool = True,
                     missing: Optional[Sequence[bool]] = None) -> dict:
    """All four F3AST metrics. Tolerance (``equivalent``) applies to
    accuracy, edit score and success rate, never to mAP. ``missing`` marks
    videos without a prediction (see the module notes); their ``preds``
    and ``pred_scores`` must be empty.

    Returns:
        ``{'accuracy' (0-1), 'edit' (0-100), 'success_rate' (0-1),
        'mAP' (0-1)}``.
    """
    if not (len(preds) == len(pred_scores) == len(gts)):
        raise ValueError('preds, pred_scores and gts must have one entry per '
                         'video')
    absent = _missing_mask(missing, len(gts))
    if any(len(preds[i]) for i in np.flatnonzero(absent)):
        raise ValueError('a video marked missing has predictions')
    mean_ap, _ = sequence_map(pred_scores, gts, num_classes, map_dummy_rows,
                              absent)
    edits = edit_scores(preds, gts, equivalent, collapse)
    return dict(
        accuracy=sequence_accuracy(preds, gts, equivalent, absent),
        # Python's left-to-right sum, as the reference averages.
        edit=sum(edits.tolist()) / len(edits) if len(edits) else 0.0,
        success_rate=success_rate(preds, gts, equivalent),
        mAP=mean_ap)
