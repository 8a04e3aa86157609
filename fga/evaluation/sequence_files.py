"""Evaluate sequence prediction files against F3AST annotation files."""
import warnings
from typing import List, Optional, Sequence, Union

import numpy as np

from fga.annotations import (finetennis_tolerance_pairs, ground_truth_sequence,
                             load_classes, load_event_annotations,
                             load_sequence_predictions, pairs_to_indices,
                             reference_tolerance_index_pairs)
from .functional.label_breakdown import (aligned_labels, attribute_accuracy,
                                         split_attributes)
from .functional.sequence_metrics import equivalence_matrix, sequence_metrics

__all__ = [
    'tolerance_matrix', 'load_sequence_files', 'evaluate_sequence_files'
]

TOLERANCES = ('none', 'finetennis', 'reference')


def tolerance_matrix(tolerance: str,
                     class_names: List[str]) -> Optional[np.ndarray]:
    """``'none'``, ``'finetennis'`` (named pairs) or ``'reference'`` (the
    reference's FineTennis id pairs, whatever the classes)."""
    if tolerance not in TOLERANCES:
        raise ValueError(f'tolerance must be one of {TOLERANCES}')
    num_classes = len(class_names)
    if tolerance == 'none':
        return None
    if tolerance == 'finetennis':
        pairs = pairs_to_indices(
            finetennis_tolerance_pairs(class_names),
            {n: i for i, n in enumerate(class_names)})
    else:
        pairs = reference_tolerance_index_pairs(num_classes)
    return equivalence_matrix(num_classes, pairs)


def load_sequence_files(ann_file: str,
                        pred_file: str,
                        classes_file: str,
                        stride: int = 1) -> dict:
    """A prediction file lined up with its annotation file, video by video
    (sorted by id). The ground truth is binned by ``stride`` as the
    reference bins it; a video missing from the predictions gets, with a
    warning, an empty prediction and ``missing`` True.

    Returns:
        ``classes`` (C names), ``videos``, ``preds`` (per video (k,) class
        indices), ``scores`` (per video (k, C)), ``gts`` (per video (n,))
        and ``missing`` (per video bool).
    """
    class_names = load_classes(classes_file)
    index = {n: i for i, n in enumerate(class_names)}
    records = sorted(
        load_event_annotations(ann_file, class_names),
        key=lambda r: r['video'])
    preds = load_sequence_predictions(pred_file, class_names)
    videos = [r['video'] for r in records]
    missing = [v for v in videos if v not in preds]
    if missing:
        warnings.warn(f'{pred_file}: {len(missing)} of {len(videos)} videos '
                      f'have no prediction (e.g. {missing[0]}); they count '
                      'as empty predictions that miss every ground-truth '
                      'label')
    extra = set(preds) - set(videos)
    if extra:
        warnings.warn(f'{pred_file}: {len(extra)} predicted videos are not '
                      f'in {ann_file} and are ignored')
    empty = (np.zeros(0, np.int64), np.zeros((0, len(class_names))))
    pairs = [preds.get(v, empty) for v in videos]
    return dict(
        classes=class_names,
        videos=videos,
        preds=[p[0] for p in pairs],
        scores=[p[1] for p in pairs],
        gts=[
            ground_truth_sequence(r, index, stride, reference_compat=True)
            for r in records
        ],
        missing=[v not in preds for v in videos])


def evaluate_sequence_files(
        ann_file: str,
        pred_file: str,
        classes_file: str,
        tolerance: str = 'none',
        stride: int = 1,
        map_dummy_rows: bool = True,
        attributes: Union[bool, Sequence[str], None] = None,
        attribute_separator: str = '_') -> dict:
    """The four sequence metrics of a prediction file (lined up by
    :func:`load_sequence_files`); a video missing from the predictions
    counts as an empty prediction that misses its whole ground truth in
    every metric (accuracy and mAP included; see
    :mod:`fga.evaluation.functional.sequence_metrics`).

    ``attributes`` adds ``<attribute>_accuracy`` over the edit-distance
    alignment (:mod:`fga.evaluation.functional.label_breakdown`): names of
    the attributes the class names compose, or True to name them by
    position."""
    data = load_sequence_files(ann_file, pred_file, classes_file, stride)
    class_names = data['classes']
    metrics = sequence_metrics(data['preds'], data['scores'], data['gts'],
                               len(class_names),
                               equivalent=tolerance_matrix(tolerance,
                                                           class_names),
                               map_dummy_rows=map_dummy_rows,
                               missing=data['missing'])
    if attributes:
        names, values = split_attributes(
            class_names, None if attributes is True else attributes,
            attribute_separator)
        accuracy = attribute_accuracy(
            aligned_labels(data['preds'], data['gts']), values, names)
        metrics.update(
            {f'{name}_accuracy': acc for name, acc in accuracy.items()})
    return metrics
