"""Tolerance-based event-spotting mAP (E2E-Spot semantics)."""
import warnings
from collections import defaultdict
from typing import Dict, List, Sequence, Tuple

import numpy as np

__all__ = ['spotting_average_precision', 'spotting_map']

Detection = Tuple[str, int, float]  # (video, frame, score)


def spotting_average_precision(detections: Sequence[Detection],
                               truth: Dict[str, Sequence[int]],
                               tolerance: int) -> float:
    """AP of one label.

    Detections are taken by descending score (ties keep their order). Each is
    matched to the closest still-unmatched ground-truth frame of its video
    (ties: the earlier one in ``truth``), whatever the distance; it is a true
    positive if that distance is within ``tolerance``. Precision is recorded
    at every true positive, made monotone from the end and summed over the
    number of ground-truth events.

    Args:
        detections: (video, frame, score) of this label.
        truth: video -> ground-truth frames of this label.
        tolerance: maximum frame distance of a true positive.
    """
    total = sum(len(frames) for frames in truth.values())
    if total == 0:
        return float('nan')
    gt = {video: np.asarray(frames, dtype=np.float64)
          for video, frames in truth.items()}
    unmatched = {video: np.ones(len(frames), dtype=bool)
                 for video, frames in gt.items()}
    order = sorted(range(len(detections)), key=lambda i: -detections[i][2])
    precisions: List[float] = []
    for rank, index in enumerate(order, 1):
        video, frame, _ = detections[index]
        frames = gt.get(video)
        if frames is None or not unmatched[video].any():
            continue
        distance = np.where(unmatched[video], np.abs(frames - frame), np.inf)
        closest = int(np.argmin(distance))
        if distance[closest] <= tolerance:
            unmatched[video][closest] = False
            precisions.append((len(precisions) + 1) / rank)
    if not precisions:
        return 0.0
    monotone = np.maximum.accumulate(np.asarray(precisions)[::-1])
    return float(monotone.sum() / total)


def spotting_map(truth: Sequence[dict],
                 pred: Sequence[dict],
                 tolerances: Sequence[int] = (0, 1, 2, 4),
                 reference_compat: bool = False) -> dict:
    """Spotting mAP per tolerance, averaged over the labels in ``truth``.

    Args:
        truth: records ``{video, events: [{frame, label}]}``.
        pred: records ``{video, events: [{frame, label, score}]}``.
        tolerances: frame tolerances.
        reference_compat: require the same video set in both (the reference
            asserts it); otherwise a video without predictions has none.

    Returns:
        ``{'tolerances', 'mAP' (per tolerance), 'per_class'
        ({label: [AP per tolerance]}), 'average_mAP'}``, all 0-1.
    """
    truth_videos = {record['video'] for record in truth}
    pred_videos = {record['video'] for record in pred}
    if truth_videos != pred_videos:
        if reference_compat:
            raise ValueError('spotting mAP: predicted and ground-truth video '
                             'sets differ')
        missing = truth_videos - pred_videos
        if missing:
            warnings.warn(f'spotting mAP: {len(missing)} videos have no '
                          'predictions and count as empty')
    by_label: Dict[str, Dict[str, List[int]]] = defaultdict(
        lambda: defaultdict(list))
    for record in truth:
        for event in record['events']:
            by_label[event['label']][record['video']].append(event['frame'])
    detections: Dict[str, List[Detection]] = defaultdict(list)
    for record in pred:
        for event in record['events']:
            detections[event['label']].append(
                (record['video'], event['frame'], float(event['score'])))

    labels = sorted(by_label)
    per_class = {
        label: [
            spotting_average_precision(detections[label], by_label[label],
                                       tol) for tol in tolerances
        ]
        for label in labels
    }
    maps = [
        float(np.mean([per_class[label][k] for label in labels]))
        if labels else 0.0 for k in range(len(tolerances))
    ]
    return dict(
        tolerances=list(tolerances),
        mAP=maps,
        per_class=per_class,
        average_mAP=float(np.mean(maps)) if maps else 0.0)
