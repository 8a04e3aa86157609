"""Scoring an ActivityNet-format detection file against an annotation JSON
(the logic of ``tools/analysis_tools/eval_detections.py``)."""
import warnings
from typing import Dict, Sequence, Union

import numpy as np

from ..datasets.event_annotations import load_json
from .functional.detection_map import detection_map
from .metrics.detection_map_metric import load_detection_ground_truth

__all__ = ['load_activitynet_results', 'evaluate_detection_files']


def load_activitynet_results(
        path: str, label_dict: Dict[str, int]) -> Dict[str, np.ndarray]:
    """Read ``{"results": {video: [{"segment": [s, e], "label": name,
    "score": p}]}}`` into detection-mAP arrays. Labels may be names or
    integer class ids; labels of no known class are ignored with a
    warning (they cannot match any ground truth)."""
    content = load_json(path, 'prediction file')
    if not isinstance(content, dict) or not isinstance(
            content.get('results'), dict):
        raise ValueError(f'{path}: expected {{"results": {{video: [...]}}}}')
    videos, segments, labels, scores = [], [], [], []
    unknown = set()
    ids = set(label_dict.values())
    for video, detections in content['results'].items():
        for i, det in enumerate(detections):
            try:
                start, end = (float(x) for x in det['segment'])
                score = float(det['score'])
                label = det['label']
            except (KeyError, TypeError, ValueError):
                raise ValueError(
                    f'{path}: video {video}: detection {i} needs "segment" '
                    f'[start, end], "label" and "score", got {det}') from None
            if isinstance(label, str) and label in label_dict:
                index = label_dict[label]
            elif isinstance(label, int) and label in ids:
                index = label
            else:
                unknown.add(label)
                continue
            videos.append(video)
            segments.append((start, end))
            labels.append(index)
            scores.append(score)
    if unknown:
        warnings.warn(f'{path}: ignored detections with labels not in the '
                      f'annotation classes: {sorted(map(str, unknown))[:10]}')
    return dict(
        video=np.asarray(videos, dtype=object),
        segments=np.asarray(segments, dtype=np.float64).reshape(-1, 2),
        labels=np.asarray(labels, dtype=np.int64),
        scores=np.asarray(scores, dtype=np.float64))


def evaluate_detection_files(ann_file: str,
                             pred_file: str,
                             subsets: Union[str, Sequence[str]] = 'test',
                             tiou_thresholds: Sequence[float] = (0.3, 0.4, 0.5,
                                                                 0.6, 0.7),
                             class_agnostic: bool = False) -> dict:
    """``tiou``, ``mAP_per_tiou`` and ``mAP`` (fractions) of a detection
    file, plus Recall@1x/5x averaged over thresholds."""
    gt = load_detection_ground_truth(
        ann_file, subsets, class_agnostic=class_agnostic)
    if len(gt['video']) == 0:
        raise ValueError(f'{ann_file}: no ground truth in subset {subsets}')
    predictions = load_activitynet_results(pred_file, gt['label_dict'])
    out = detection_map(gt, predictions, tiou_thresholds)
    return dict(
        tiou=[float(t) for t in tiou_thresholds],
        mAP_per_tiou=[float(x) for x in out['mAP_per_tiou']],
        mAP=out['mAP'],
        recall_1x=float(out['recall'][:, 0].mean()),
        recall_5x=float(out['recall'][:, 1].mean()))
