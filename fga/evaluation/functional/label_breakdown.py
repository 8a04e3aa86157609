"""Per-class and per-attribute accuracy of predicted label sequences, over
their edit-distance alignment with the ground truth.

A predicted and a true sequence are aligned by
:func:`~fga.evaluation.functional.align_sequences`; the aligned pairs are
its matches and substitutions (insertions have no true label, deletions no
predicted one). Positional pairing would shift every label after a missed
or extra event; the alignment does not.

Compositional class names (FineTennis, SynthRally:
``side_hand_type_direction_outcome``, e.g. ``near_fh_return_CC_in``) split
into attribute values at a separator; an attribute is correct when the
aligned predicted and true names have the same value there. Values compare
exactly: tolerance pairs, which forgive neighbouring directions, would hide
the very errors a per-attribute table is for.
"""
import warnings
from typing import Dict, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from fga.annotations.vocabulary import split_attributes
from .alignment import DELETION, INSERTION, align_sequences

__all__ = [
    'AlignedLabels', 'aligned_labels', 'split_attributes',
    'attribute_accuracy', 'attribute_value_accuracy', 'per_class_accuracy',
    'confusion_matrix'
]


class AlignedLabels(NamedTuple):
    """Every video's aligned (matched or substituted) label pairs, end to
    end: ``pred`` and ``gt`` (M,) class indices; ``deleted`` (D,) the true
    labels no prediction stands for; ``inserted`` (I,) the predicted labels
    that stand for no true one."""
    pred: np.ndarray
    gt: np.ndarray
    deleted: np.ndarray
    inserted: np.ndarray


def aligned_labels(preds: Sequence[Sequence[int]],
                   gts: Sequence[Sequence[int]],
                   equivalent: Optional[np.ndarray] = None) -> AlignedLabels:
    """Align every (pred, gt) pair of sequences and collect the pairs.

    Args:
        preds: per video, predicted class indices (k_v,).
        gts: per video, true class indices (n_v,).
        equivalent: optional (C, C) bool matrix of labels the alignment may
            pair for free (see :func:`align_sequences`).
    """
    if len(preds) != len(gts):
        raise ValueError(f'{len(preds)} predictions for {len(gts)} videos')
    pred, gt, deleted, inserted = [], [], [], []
    for p, g in zip(preds, gts):
        p = np.asarray(p, dtype=np.int64)
        g = np.asarray(g, dtype=np.int64)
        for step in align_sequences(p, g, equivalent):
            if step.op == DELETION:
                deleted.append(g[step.gt])
            elif step.op == INSERTION:
                inserted.append(p[step.pred])
            else:
                pred.append(p[step.pred])
                gt.append(g[step.gt])

    def array(values):
        return np.asarray(values, dtype=np.int64).reshape(-1)

    return AlignedLabels(array(pred), array(gt), array(deleted),
                         array(inserted))


def attribute_accuracy(aligned: AlignedLabels,
                       attribute_values: np.ndarray,
                       attribute_names: Sequence[str]) -> Dict[str, float]:
    """Fraction of aligned pairs whose predicted and true class have the same
    value of each attribute; 0.0 for every attribute, with a warning, when
    nothing is aligned (as :func:`sequence_accuracy`).

    Args:
        aligned: from :func:`aligned_labels`.
        attribute_values: (C, A) values, from :func:`split_attributes`.
        attribute_names: the A names.
    """
    if len(aligned.gt) == 0:
        warnings.warn('attribute accuracy: no predicted event is aligned '
                      'with a true one (all predictions empty?); returning '
                      '0')
        return {name: 0.0 for name in attribute_names}
    same = attribute_values[aligned.pred] == attribute_values[aligned.gt]
    return {
        name: float(same[:, i].mean())
        for i, name in enumerate(attribute_names)
    }


def attribute_value_accuracy(
        aligned: AlignedLabels, attribute_values: np.ndarray,
        attribute_names: Sequence[str]
) -> Dict[str, Dict[str, Tuple[float, int]]]:
    """Per attribute and true value: the fraction of aligned pairs with
    that true value whose prediction has it too, and how many pairs have
    it (e.g. ``{'hand': {'fh': (0.62, 120), 'bh': (0.55, 97), ...}}``).

    Args: as :func:`attribute_accuracy`.
    """
    out: Dict[str, Dict[str, Tuple[float, int]]] = {}
    true = attribute_values[aligned.gt]
    same = attribute_values[aligned.pred] == true
    for i, name in enumerate(attribute_names):
        out[name] = {}
        for value in sorted(set(attribute_values[:, i])):
            rows = true[:, i] == value
            count = int(rows.sum())
            out[name][value] = (float(same[rows, i].mean())
                                if count else float('nan'), count)
    return out


def per_class_accuracy(aligned: AlignedLabels,
                       num_classes: int) -> Dict[str, np.ndarray]:
    """Per true class: how often its aligned predictions are right.

    Returns:
        ``accuracy`` (C,) (NaN for classes never aligned), ``aligned`` (C,)
        count of aligned true labels, ``deleted`` (C,) count of true labels
        no prediction stands for.
    """
    total = np.bincount(aligned.gt, minlength=num_classes)
    right = np.bincount(aligned.gt[aligned.pred == aligned.gt],
                        minlength=num_classes)
    with np.errstate(invalid='ignore', divide='ignore'):
        accuracy = np.where(total > 0, right / np.maximum(total, 1), np.nan)
    return dict(
        accuracy=accuracy,
        aligned=total,
        deleted=np.bincount(aligned.deleted, minlength=num_classes))


def confusion_matrix(true_labels: np.ndarray, pred_labels: np.ndarray,
                     num_classes: int) -> np.ndarray:
    """(C, C) counts: row = true class, column = predicted class."""
    true_labels = np.asarray(true_labels, dtype=np.int64).reshape(-1)
    pred_labels = np.asarray(pred_labels, dtype=np.int64).reshape(-1)
    if true_labels.shape != pred_labels.shape:
        raise ValueError(f'{true_labels.size} true labels for '
                         f'{pred_labels.size} predictions')
    outside = (true_labels < 0) | (true_labels >= num_classes) | (
        pred_labels < 0) | (pred_labels >= num_classes)
    if outside.any():
        raise ValueError(f'labels outside [0, {num_classes}): e.g. true '
                         f'{true_labels[outside][0]}, predicted '
                         f'{pred_labels[outside][0]}')
    return np.bincount(
        true_labels * num_classes + pred_labels,
        minlength=num_classes * num_classes).reshape(num_classes,
                                                     num_classes)
