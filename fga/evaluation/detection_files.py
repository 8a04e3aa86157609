"""Scoring an ActivityNet-format detection file against an annotation JSON
(the logic of ``tools/analysis_tools/eval_detections.py``)."""
import argparse
from typing import List, Optional, Sequence, Union

import numpy as np

from fga.annotations import (load_activitynet_results,
                             load_localization_database,
                             localization_label_dict, select_videos,
                             video_ground_truth)
from .functional.detection_map import deduplicate_ground_truth, detection_map

__all__ = [
    'load_detection_ground_truth', 'evaluate_detection_files',
    'parse_tiou_thresholds'
]


def parse_tiou_thresholds(text: str) -> List[float]:
    """``--tiou 0.3,0.5,0.7`` → ``[0.3, 0.5, 0.7]`` (an ``argparse``
    type: a bad value is a usage error naming the option)."""
    try:
        values = [float(x) for x in text.split(',') if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'--tiou expects comma-separated numbers, got {text!r}') from None
    if not values or any(not 0 < v <= 1 for v in values):
        raise argparse.ArgumentTypeError(
            f'--tiou thresholds must lie in (0, 1], got {text!r}')
    return values


def load_detection_ground_truth(ann_file: str,
                                subsets,
                                classes=None,
                                num_classes: Optional[int] = None,
                                class_agnostic: bool = False,
                                deduplicate: bool = True) -> dict:
    """Ground truth of a split as detection-mAP arrays (de-duplicated as
    the official evaluation does), with its ``label_dict`` and the whole
    ``database``."""
    database = load_localization_database(ann_file)
    label_dict = localization_label_dict(database, ann_file, classes,
                                         num_classes, class_agnostic)
    videos, segments, labels = [], [], []
    for video in select_videos(database, subsets):
        seg, lab = video_ground_truth(video, database[video], label_dict,
                                      ann_file)
        keep = (deduplicate_ground_truth(seg, lab) if deduplicate else
                np.ones(len(lab), dtype=bool))
        videos += [video] * int(keep.sum())
        segments.append(seg[keep])
        labels.append(lab[keep])
    return dict(
        video=np.asarray(videos, dtype=object),
        segments=np.concatenate(segments) if segments else np.zeros((0, 2)),
        labels=np.concatenate(labels) if labels else np.zeros(0, np.int64),
        label_dict=label_dict,
        database=database)


def evaluate_detection_files(ann_file: str,
                             pred_file: str,
                             subsets: Union[str, Sequence[str]] = 'test',
                             tiou_thresholds: Sequence[float] = (0.3, 0.4, 0.5,
                                                                 0.6, 0.7),
                             class_agnostic: bool = False,
                             deduplicate: bool = True) -> dict:
    """``tiou``, ``mAP_per_tiou`` and ``mAP`` (fractions) of a detection
    file, plus Recall@1x/5x averaged over thresholds. ``deduplicate`` as
    :func:`load_detection_ground_truth` (off for HAAN's protocol)."""
    gt = load_detection_ground_truth(
        ann_file, subsets, class_agnostic=class_agnostic,
        deduplicate=deduplicate)
    if len(gt['video']) == 0:
        raise ValueError(f'{ann_file}: no ground truth in subset {subsets}')
    predictions = load_activitynet_results(pred_file, gt['label_dict'],
                                           gt['database'], subsets)
    out = detection_map(gt, predictions, tiou_thresholds)
    return dict(
        tiou=[float(t) for t in tiou_thresholds],
        mAP_per_tiou=[float(x) for x in out['mAP_per_tiou']],
        mAP=out['mAP'],
        recall_1x=float(out['recall'][:, 0].mean()),
        recall_5x=float(out['recall'][:, 1].mean()))
