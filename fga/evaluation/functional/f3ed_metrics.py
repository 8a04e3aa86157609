"""F3Set's metrics of timestamped multi-label events: event-wise mean F1
at a tolerance of δ frames, element-wise mean F1 and the edit score.

Every video is a pair of per-frame arrays on the evaluation grid
(sampled frames): event flags (T,) and element vectors (T, E), for the
prediction and the ground truth. An event *is* its full element
combination. Counts are summed over all videos before F1 (micro per
class), then averaged over classes (macro).

The reference (F3Set's ``evaluate`` in ``train_f3set_f3ed.py``) has quirks
that published numbers depend on; ``reference_quirks=True`` (default)
keeps them, ``False`` scores the plain definitions:

1. Event F1: a prediction with an event of another combination within
   ±δ of it is neither a true nor a false positive (the reference counts a
   false positive only where no ground-truth event is near). Plain: it is a
   false positive.
2. Element F1: misses are counted per frame, on every frame whose window
   holds the element in the ground truth but whose prediction lacks it, so
   with δ > 0 the frames next to a correctly predicted event count as
   misses; a window holding the element in two ground-truth events counts
   nothing. Plain: a hit is a prediction with the element within ±δ in the
   ground truth, a miss a ground-truth event without the element predicted
   within ±δ.
3. Both: an event whose element vector is empty is no event (the
   reference's event code is the vector read as a binary number).

Kept in both modes: F1 = 2PR / (P + R + 1e-10) with P = TP / (TP + FP +
1e-10), R likewise (the reference's epsilons); element F1 averages over
all E elements (never seen: 0); event F1 averages over the combinations
that occur (predicted or true). The edit score is
:func:`~fga.evaluation.functional.sequence_metrics.edit_scores` over each
video's event sequence with runs collapsed (as the reference's ``groupby``
and segmental edit score); two empty sequences score 100 where the
reference divides by zero.
"""
from typing import Dict, Sequence, Tuple

import numpy as np

from .sequence_metrics import edit_scores

__all__ = [
    'event_codes', 'event_f1_counts', 'element_f1_counts', 'mean_f1',
    'f3ed_metrics'
]

_EPS = 1e-10

Video = Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def event_codes(flags: np.ndarray, elements: np.ndarray) -> np.ndarray:
    """(T,) int64 code per frame: 0 without an event, else the element
    vector read as a binary number (first element most significant, the
    reference's code; E <= 62).

    Args:
        flags: (T,) event flags.
        elements: (T, E) 0/1.
    """
    elements = np.asarray(elements, dtype=np.int64)
    num = elements.shape[1]
    if num > 62:
        raise ValueError(f'{num} elements do not fit a 62-bit event code')
    weights = np.left_shift(np.int64(1), np.arange(num - 1, -1, -1,
                                                   dtype=np.int64))
    return (elements @ weights) * (np.asarray(flags) > 0)


def _windows(values: np.ndarray, delta: int) -> np.ndarray:
    """(T, 2δ+1, ...) values at t-δ..t+δ, zero outside the video."""
    pad = [(delta, delta)] + [(0, 0)] * (values.ndim - 1)
    padded = np.pad(values, pad)
    view = np.lib.stride_tricks.sliding_window_view(padded, 2 * delta + 1,
                                                    axis=0)
    return np.moveaxis(view, -1, 1)


def _window_sums(values: np.ndarray, delta: int) -> np.ndarray:
    """(T, E) sums over t-δ..t+δ of (T, E) values."""
    cumsum = np.concatenate(
        [np.zeros((1, ) + values.shape[1:], values.dtype),
         np.cumsum(values, axis=0)])
    t = np.arange(len(values))
    hi = np.minimum(t + delta + 1, len(values))
    lo = np.maximum(t - delta, 0)
    return cumsum[hi] - cumsum[lo]


def event_f1_counts(pred: np.ndarray, gt: np.ndarray, delta: int,
                    reference_quirks: bool = True
                    ) -> Dict[int, np.ndarray]:
    """Per-code (TP, FP, FN) of one video's event codes (:func:`event_codes`).

    A predicted event is a TP when its code is within ±δ in the ground
    truth; a ground-truth event is a FN when its code is not within ±δ in
    the prediction; FP: see the module doc (quirk 1).

    Returns:
        code -> (3,) int64 counts, for codes with any count.
    """
    pred, gt = np.asarray(pred), np.asarray(gt)
    gt_near = _windows(gt, delta)
    pred_near = _windows(pred, delta)
    predicted = pred > 0
    tp = predicted & (gt_near == pred[:, None]).any(axis=1)
    if reference_quirks:
        fp = predicted & ~(gt_near > 0).any(axis=1)
    else:
        fp = predicted & ~tp
    fn = (gt > 0) & ~(pred_near == gt[:, None]).any(axis=1)
    codes = np.concatenate([pred[tp], pred[fp], gt[fn]])
    kinds = np.concatenate([
        np.zeros(tp.sum(), int),
        np.ones(fp.sum(), int),
        np.full(fn.sum(), 2)
    ])
    unique, inverse = np.unique(codes, return_inverse=True)
    counts = np.zeros((len(unique), 3), dtype=np.int64)
    np.add.at(counts, (inverse, kinds), 1)
    return {int(c): row for c, row in zip(unique, counts)}


def element_f1_counts(pred: np.ndarray, gt: np.ndarray, delta: int,
                      reference_quirks: bool = True) -> np.ndarray:
    """(E, 3) (TP, FP, FN) per element of one video.

    Args:
        pred: (T, E) predicted elements (zero off predicted events).
        gt: (T, E) ground-truth elements.
        delta: tolerance in frames.
        reference_quirks: see the module doc (quirk 2).
    """
    pred = np.asarray(pred, dtype=np.int64) > 0
    gt = np.asarray(gt, dtype=np.int64)
    near = _window_sums(gt, delta)
    if reference_quirks:
        tp = pred & (near == 1)
        fp = pred & (near == 0)
        fn = ~pred & (near == 1)
    else:
        tp = pred & (near > 0)
        fp = pred & (near == 0)
        fn = (gt > 0) & (_window_sums(pred.astype(np.int64), delta) == 0)
    return np.stack([tp.sum(0), fp.sum(0), fn.sum(0)], axis=1)


def mean_f1(counts: np.ndarray) -> float:
    """Mean over rows of (K, 3) (TP, FP, FN) of the reference's F1; NaN for
    no rows."""
    counts = np.asarray(counts, dtype=np.float64).reshape(-1, 3)
    if not len(counts):
        return float('nan')
    tp, fp, fn = counts.T
    precision = tp / (tp + fp + _EPS)
    recall = tp / (tp + fn + _EPS)
    return float(np.mean(2 * precision * recall /
                         (precision + recall + _EPS)))


def f3ed_metrics(videos: Sequence[Video],
                 delta: int = 0,
                 reference_quirks: bool = True) -> Dict[str, float]:
    """Event F1, element F1 (0-1) and edit score (0-100) over videos.

    Args:
        videos: ``(pred_flags (T,), pred_elements (T, E), gt_flags (T,),
            gt_elements (T, E))`` per video; predicted elements off
            predicted events are ignored.
        delta: tolerance in frames of the grid.
        reference_quirks: see the module doc.

    Returns:
        ``event_f1``, ``element_f1``, ``edit``.
    """
    if delta < 0:
        raise ValueError(f'delta must be >= 0, got {delta}')
    event_counts: Dict[int, np.ndarray] = {}
    element_counts = None
    pred_sequences, gt_sequences = [], []
    for pred_flags, pred_elements, gt_flags, gt_elements in videos:
        pred_flags = np.asarray(pred_flags) > 0
        pred_elements = np.asarray(pred_elements) * pred_flags[:, None]
        pred_codes = event_codes(pred_flags, pred_elements)
        gt_codes = event_codes(gt_flags, gt_elements)
        for code, row in event_f1_counts(pred_codes, gt_codes, delta,
                                         reference_quirks).items():
            event_counts[code] = event_counts.get(code, 0) + row
        counts = element_f1_counts(pred_elements, gt_elements, delta,
                                   reference_quirks)
        element_counts = counts if element_counts is None else \
            element_counts + counts
        pred_sequences.append(pred_codes[pred_codes > 0])
        gt_sequences.append(gt_codes[gt_codes > 0])
    edits = edit_scores(pred_sequences, gt_sequences, collapse=True)
    return dict(
        event_f1=mean_f1(np.array(list(event_counts.values())).reshape(-1,
                                                                       3)),
        element_f1=mean_f1(element_counts)
        if element_counts is not None else float('nan'),
        edit=float(np.mean(edits)) if len(edits) else float('nan'))
