"""Evaluate F3ED prediction files against F3Set annotation files."""
import os.path as osp
import warnings
from typing import Dict, Optional, Sequence

import numpy as np

from fga.annotations import (AnnotationError, binned_frame_targets,
                             load_element_groups, load_elements,
                             load_event_vocabulary, load_f3set_annotations)
from fga.annotations.f3ed_predictions import load_f3ed_predictions
from .functional.f3ed_metrics import f3ed_metrics

__all__ = ['evaluate_f3ed_files']


def evaluate_f3ed_files(ann_file: str,
                        pred_file: str,
                        data_dir: Optional[str] = None,
                        deltas: Sequence[int] = (0, 1, 2),
                        reference_quirks: bool = True) -> Dict[str, float]:
    """``event_f1@δ``, ``element_f1@δ`` and ``edit`` of a prediction file
    (:mod:`fga.annotations.f3ed_predictions`), as ``F3EDMetric`` scores
    them: ground truth and predictions binned on each video's sampled grid
    (``frame // stride``). ``data_dir`` (default: the annotation file's
    folder) holds ``elements.txt``, ``events.txt`` and
    ``element_groups.json``. A video without a prediction counts, with a
    warning, as one without events."""
    data_dir = data_dir or osp.dirname(ann_file)
    elements = load_elements(osp.join(data_dir, 'elements.txt'))
    groups = load_element_groups(
        osp.join(data_dir, 'element_groups.json'), elements)
    vocabulary = load_event_vocabulary(osp.join(data_dir, 'events.txt'),
                                       groups)
    records = sorted(load_f3set_annotations(ann_file, groups, vocabulary),
                     key=lambda r: r['video'])
    preds = load_f3ed_predictions(pred_file, groups)
    names = {r['video'] for r in records}
    extra = sorted(set(preds) - names)
    if extra:
        raise AnnotationError(f'{pred_file}: video {extra[0]} is not in '
                              f'{ann_file}')
    missing = [r['video'] for r in records if r['video'] not in preds]
    if missing:
        warnings.warn(f'{pred_file}: {len(missing)} of {len(records)} videos '
                      f'have no prediction (e.g. {missing[0]}); they count '
                      'as videos without events')
    strides = {stride for stride, _ in preds.values()}
    if len(strides) > 1:
        raise AnnotationError(f'{pred_file}: videos at different strides '
                              f'{sorted(strides)}')
    stride = strides.pop() if strides else 1
    videos = []
    for record in records:
        _, events = preds.get(record['video'], (stride, []))
        flags, vectors = binned_frame_targets(
            [(f, v) for f, v, _ in events], record['num_frames'], stride,
            len(elements))
        gt_flags, gt_elements = binned_frame_targets(
            [(e['frame'], e['elements']) for e in record['events']],
            record['num_frames'], stride, len(elements))
        videos.append((flags, vectors, gt_flags, gt_elements))
    metrics = {}
    for delta in deltas:
        scores = f3ed_metrics(videos, delta, reference_quirks)
        metrics[f'event_f1@{delta}'] = scores['event_f1']
        metrics[f'element_f1@{delta}'] = scores['element_f1']
        metrics['edit'] = scores['edit']
    return {k: float(np.float64(v)) for k, v in metrics.items()}
