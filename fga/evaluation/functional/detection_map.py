"""Temporal action detection mAP at tIoU thresholds (ActivityNet protocol).

Reproduces ActionFormer's ``ANETdetection`` (itself the official
ActivityNet evaluation): greedy matching in descending score order, each
prediction taking the highest-tIoU ground truth not yet matched at that
threshold, all-point VOC AP, mean over the classes present in the ground
truth. One deliberate difference: predictions with exactly equal scores are
ranked in input order (a stable sort, as MMAction2 does) instead of by
numpy's unstable quicksort.

Matching is sequential only within one (class, video) pair, so the loop runs
over a prediction's rank inside its video while all videos and thresholds
advance together in numpy.
"""
from typing import Dict, Sequence, Tuple

import numpy as np

from fga.utils.segments import segment_iou

__all__ = [
    'deduplicate_ground_truth', 'interpolated_average_precision',
    'detection_average_precision', 'detection_topk_recall', 'detection_map'
]


def deduplicate_ground_truth(segments: np.ndarray,
                             labels: np.ndarray,
                             tol: float = 1e-3) -> np.ndarray:
    """Keep-mask of one video's ground truth, as the official evaluation
    filters it: events shorter than ``tol`` and events whose start, end and
    label repeat an earlier kept event (within ``tol``) are dropped.

    Args:
        segments: (N, 2) seconds.
        labels: (N,) class ids.

    Returns:
        (N,) bool.
    """
    segments = np.asarray(segments, dtype=np.float64).reshape(-1, 2)
    labels = np.asarray(labels)
    keep = ~(segments[:, 1] - segments[:, 0] < tol)
    # Pairs that could repeat each other; without any (the usual case) the
    # sequential rule keeps every long-enough event.
    near = ((np.abs(segments[:, None, 0] - segments[None, :, 0]) <= tol) &
            (np.abs(segments[:, None, 1] - segments[None, :, 1]) <= tol) &
            (labels[:, None] == labels[None, :]))
    near = np.tril(near, -1)
    for i in np.flatnonzero(near.any(1)):
        # earlier kept events decide, so the order of this loop matters
        keep[i] &= not (near[i, :i] & keep[:i]).any()
    return keep


def interpolated_average_precision(precision: np.ndarray,
                                   recall: np.ndarray) -> float:
    """All-point interpolated AP (VOC 2011) of one precision/recall curve,
    computed with the official evaluation's exact operations."""
    mprec = np.hstack([[0], precision, [0]])
    mrec = np.hstack([[0], recall, [1]])
    mprec = np.maximum.accumulate(mprec[::-1])[::-1]
    idx = np.where(mrec[1:] != mrec[:-1])[0] + 1
    return float(np.sum((mrec[idx] - mrec[idx - 1]) * mprec[idx]))


def _rank_within_group(groups: np.ndarray) -> np.ndarray:
    """0-based position of each element among earlier elements of its
    group (``groups`` is already in processing order)."""
    order = np.argsort(groups, kind='stable')
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    run_lengths = np.diff(np.r_[starts, len(groups)])
    ranks = np.empty(len(groups), dtype=np.int64)
    ranks[order] = np.arange(len(groups)) - np.repeat(starts, run_lengths)
    return ranks


def _padded_ground_truth(
        gt_videos: np.ndarray,
        gt_segments: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group one class's ground truth by video into a (V, G, 2) array.

    Returns:
        video codes (V,), padded segments (V, G, 2) and validity (V, G).
    """
    videos, local = np.unique(gt_videos, return_inverse=True)
    slot = _rank_within_group(local)
    width = int(slot.max()) + 1 if len(slot) else 0
    padded = np.zeros((len(videos), width, 2), dtype=np.float64)
    valid = np.zeros((len(videos), width), dtype=bool)
    padded[local, slot] = gt_segments
    valid[local, slot] = True
    return videos, padded, valid


def _prediction_ious(
        videos: np.ndarray, padded: np.ndarray, valid: np.ndarray,
        pred_videos: np.ndarray,
        pred_segments: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Local video index of each prediction (-1: no ground truth there)
    and its tIoU with every ground-truth slot of that video (P, G; -1 on
    empty slots)."""
    pos = np.searchsorted(videos, pred_videos)
    pos = np.minimum(pos, max(len(videos) - 1, 0))
    has_gt = (videos[pos] == pred_videos) if len(videos) else np.zeros(
        len(pred_videos), dtype=bool)
    local = np.where(has_gt, pos, -1)
    ious = np.full((len(pred_videos), padded.shape[1]), -1.0)
    rows = np.flatnonzero(has_gt)
    if len(rows):
        iou = segment_iou(
            np.asarray(pred_segments, dtype=np.float64)[rows][:, None],
            padded[local[rows]])
        ious[rows] = np.where(valid[local[rows]], iou, -1.0)
    return local, ious


def _ranked_matches(gt_videos, gt_segments, pred_videos, pred_segments,
                    pred_scores):
    """Predictions in descending score order (stable), each with its
    video's local index and its tIoU with that video's ground-truth slots.

    Returns:
        validity of the (V, G) slots, local video index (P,), tIoU (P, G).
    """
    order = np.argsort(
        -np.asarray(pred_scores, dtype=np.float64), kind='stable')
    videos, padded, valid = _padded_ground_truth(
        np.asarray(gt_videos), np.asarray(gt_segments, dtype=np.float64))
    local, ious = _prediction_ious(videos, padded, valid,
                                   np.asarray(pred_videos)[order],
                                   np.asarray(pred_segments)[order])
    return valid, local, ious


def detection_average_precision(
        gt_videos: np.ndarray, gt_segments: np.ndarray,
        pred_videos: np.ndarray, pred_segments: np.ndarray,
        pred_scores: np.ndarray,
        tiou_thresholds: Sequence[float]) -> np.ndarray:
    """AP of one class at each tIoU threshold.

    Args:
        gt_videos: (N,) integer video codes of the class's ground truth.
        gt_segments: (N, 2).
        pred_videos: (P,) video codes of the class's predictions.
        pred_segments: (P, 2).
        pred_scores: (P,).
        tiou_thresholds: K thresholds.

    Returns:
        (K,) AP; zeros without predictions or ground truth.
    """
    thresholds = np.asarray(tiou_thresholds, dtype=np.float64)
    num_gt, num_pred = len(gt_videos), len(pred_videos)
    if num_gt == 0 or num_pred == 0:
        return np.zeros(len(thresholds))
    valid, local, ious = _ranked_matches(gt_videos, gt_segments,
                                         pred_videos, pred_segments,
                                         pred_scores)
    tp = np.zeros((len(thresholds), num_pred), dtype=bool)
    matchable = np.flatnonzero(local >= 0)
    if len(matchable):
        rank = _rank_within_group(local[matchable])
        locked = np.zeros((len(thresholds), ) + valid.shape, dtype=bool)
        width = valid.shape[1]
        for r in range(int(rank.max()) + 1):
            preds = matchable[rank == r]
            vids = local[preds]
            iou = ious[preds]
            free = (iou[None] >= thresholds[:, None, None]) & ~locked[:, vids]
            # Among equal tIoUs the official code visits the later ground
            # truth first, hence the reversed argmax.
            candidate = np.where(free, iou[None], -np.inf)[..., ::-1]
            slot = width - 1 - candidate.argmax(-1)
            hit = free.any(-1)
            tp[:, preds] = hit
            k_idx, s_idx = np.nonzero(hit)
            locked[k_idx, vids[s_idx], slot[k_idx, s_idx]] = True
    tp_cumsum = np.cumsum(tp, axis=1).astype(np.float64)
    fp_cumsum = np.cumsum(~tp, axis=1).astype(np.float64)
    recall = tp_cumsum / float(num_gt)
    precision = tp_cumsum / (tp_cumsum + fp_cumsum)
    return np.array([
        interpolated_average_precision(precision[k], recall[k])
        for k in range(len(thresholds))
    ])


def detection_topk_recall(gt_videos: np.ndarray,
                          gt_segments: np.ndarray,
                          pred_videos: np.ndarray,
                          pred_segments: np.ndarray,
                          pred_scores: np.ndarray,
                          tiou_thresholds: Sequence[float],
                          top_k: Sequence[int] = (1, 5)) -> np.ndarray:
    """Recall@kx of one class: in each video the top k·(#ground truth)
    predictions recall a ground truth if any overlaps it by ≥ the
    threshold (no one-to-one matching, as the official code).

    Returns:
        (K, len(top_k)).
    """
    thresholds = np.asarray(tiou_thresholds, dtype=np.float64)
    result = np.zeros((len(thresholds), len(top_k)))
    num_gt = len(gt_videos)
    if num_gt == 0 or len(pred_videos) == 0:
        return result
    valid, local, ious = _ranked_matches(gt_videos, gt_segments,
                                         pred_videos, pred_segments,
                                         pred_scores)
    keep = local >= 0
    local, ious = local[keep], ious[keep]
    rank = _rank_within_group(local)
    gt_per_video = valid.sum(1)
    for j, k in enumerate(top_k):
        within = rank < k * gt_per_video[local]
        best = np.full(valid.shape, -1.0)
        np.maximum.at(best, local[within], ious[within])
        result[:, j] = ((best[None] >= thresholds[:, None, None])
                        & valid[None]).sum((1, 2))
    return result / num_gt


def detection_map(
    ground_truth: Dict[str, np.ndarray],
    predictions: Dict[str, np.ndarray],
    tiou_thresholds: Sequence[float],
    top_k: Sequence[int] = (1, 5)
) -> Dict[str, np.ndarray]:
    """Detection mAP over the classes present in the ground truth.

    Args:
        ground_truth: ``video`` (N,) ids, ``segments`` (N, 2) and ``labels``
            (N,) int, already de-duplicated (:func:`deduplicate_ground_truth`).
        predictions: ``video`` (P,), ``segments`` (P, 2), ``labels`` (P,)
            and ``scores`` (P,). Predictions of classes absent from the
            ground truth are ignored.
        tiou_thresholds: K thresholds.
        top_k: the k of Recall@kx.

    Returns:
        ``classes`` (C,), ``ap`` (K, C), ``mAP_per_tiou`` (K,), ``mAP``
        (float), ``recall`` (K, len(top_k)) averaged over classes.
    """
    gt_video = np.asarray(ground_truth['video'])
    pred_video = np.asarray(predictions['video'])
    all_videos, codes = np.unique(
        np.concatenate([gt_video.astype(str),
                        pred_video.astype(str)]),
        return_inverse=True)
    gt_codes, pred_codes = codes[:len(gt_video)], codes[len(gt_video):]
    gt_labels = np.asarray(ground_truth['labels']).astype(np.int64)
    gt_segments = np.asarray(
        ground_truth['segments'], dtype=np.float64).reshape(-1, 2)
    pred_labels = np.asarray(predictions['labels']).astype(np.int64)
    pred_segments = np.asarray(
        predictions['segments'], dtype=np.float64).reshape(-1, 2)
    pred_scores = np.asarray(predictions['scores'], dtype=np.float64)
    classes = np.unique(gt_labels)
    ap = np.zeros((len(tiou_thresholds), len(classes)))
    recall = np.zeros((len(tiou_thresholds), len(top_k), len(classes)))
    for c, label in enumerate(classes):
        g = gt_labels == label
        p = pred_labels == label
        args = (gt_codes[g], gt_segments[g], pred_codes[p], pred_segments[p],
                pred_scores[p], tiou_thresholds)
        ap[:, c] = detection_average_precision(*args)
        recall[..., c] = detection_topk_recall(*args, top_k=top_k)
    map_per_tiou = ap.mean(1) if len(classes) else np.zeros(
        len(tiou_thresholds))
    return dict(
        classes=classes,
        ap=ap,
        mAP_per_tiou=map_per_tiou,
        mAP=float(map_per_tiou.mean()),
        recall=recall.mean(2) if len(classes) else recall.sum(2))
