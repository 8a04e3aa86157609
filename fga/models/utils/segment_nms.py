"""1-D (Soft-)NMS and segment voting without a compiled extension.

The semantics are those of ActionFormer's C++ extension (ported from mmcv's
2-D NMS), which published THUMOS14/ActivityNet numbers depend on: float32
arithmetic, segment length ``end - start + 1e-6``, Gaussian decay
``exp(-IoU² / sigma)`` (not ``2·sigma²``) that ignores the IoU threshold,
and Soft-NMS dropping a decayed score below ``min_score`` at once. Exact
score ties are broken by the lower input index (the extension's choice
depends on its internal swaps).

Every class runs in lockstep on one padded (C, L) score array: a selection
step is one argmax per row and one decay of the whole array, with removed
candidates set to −inf instead of compacting the survivors, so the Python
overhead per step does not grow with the number of classes.
"""
from typing import Optional, Tuple

import numpy as np
import torch

from fga.utils.segments import segment_iou

__all__ = [
    'segment_overlaps', 'nms_1d', 'soft_nms_1d', 'segment_voting',
    'batched_nms_1d'
]

SOFT_NMS_METHODS = ('hard', 'linear', 'gaussian')
LENGTH_EPS = 1e-6


def segment_overlaps(segment: torch.Tensor,
                     segments: torch.Tensor) -> torch.Tensor:
    """IoU of one segment (2,) with segments (N, 2) using the extension's
    ``+1e-6`` lengths, in float32."""
    return segment_iou(segment, segments, length_eps=LENGTH_EPS)


def _pad_by_class(labels: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Row (class rank) and column (rank within the class, in input order)
    of every candidate in the padded (C, L) layout; labels (N,)."""
    classes, row = np.unique(labels, return_inverse=True)
    order = np.argsort(row, kind='stable')
    first = np.searchsorted(row[order], np.arange(len(classes)))
    column = np.empty(len(labels), dtype=np.int64)
    column[order] = np.arange(len(labels)) - np.repeat(
        first, np.bincount(row, minlength=len(classes)))
    return row, column


def _lockstep_select(segments: np.ndarray, scores: np.ndarray,
                     row: np.ndarray, column: np.ndarray, method: str,
                     iou_threshold: float, sigma: float, min_score: float,
                     per_row: int,
                     total: int) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Greedy selection of every row at once.

    ``method`` is ``'nms'`` (remove IoU ≥ threshold, scores unchanged) or a
    Soft-NMS method (decay, then remove scores below ``min_score``).

    Args:
        segments: (N, 2) float32; scores: (N,) float32.
        row, column: (N,) int64 places in the padded layout.
        per_row: most selections per row (0: no limit).
        total: when > 0, stop once ``total`` selections outrank everything
            still selectable (only their top ``total`` is wanted).

    Returns:
        Input indices (K,) ordered by row then selection step, their scores
        (K,) and rows (K,).
    """
    n_rows = int(row.max()) + 1
    width = int(column.max()) + 1
    start = np.zeros((n_rows, width), np.float32)
    end = np.zeros((n_rows, width), np.float32)
    current = np.full((n_rows, width), -np.inf, np.float32)
    index = np.zeros((n_rows, width), np.int64)
    start[row, column] = segments[:, 0]
    end[row, column] = segments[:, 1]
    current[row, column] = scores
    index[row, column] = np.arange(len(scores))
    length = (end - start) + np.float32(LENGTH_EPS)
    sigma = np.float32(sigma)
    threshold = np.float32(iou_threshold)
    # Picks never rise while every score stays ≥ 0 (weights are ≤ 1); NMS
    # picks follow the sorted input scores.
    monotone = method == 'nms' or (min_score >= 0
                                   and bool((scores >= 0).all()))
    stop_early = total > 0 and monotone
    rows = np.arange(n_rows)
    taken_index, taken_score, taken_row = [], [], []
    limit = per_row if per_row > 0 else width
    n_taken = 0
    for _ in range(limit):
        best = current.argmax(1)
        top = current[np.arange(len(rows)), best]
        live = top > -np.inf
        if not live.all():
            if not live.any():
                break
            # Rarely (a class runs out): drop its row from the arrays.
            keep = np.flatnonzero(live)
            rows, best, top = rows[keep], best[keep], top[keep]
            start, end, length = start[keep], end[keep], length[keep]
            current, index = current[keep], index[keep]
        if stop_early and n_taken >= total:
            taken = np.concatenate(taken_score)
            if np.count_nonzero(taken > top.max()) >= total:
                break
        here = np.arange(len(rows))
        taken_index.append(index[here, best])
        taken_score.append(top)
        taken_row.append(rows)
        n_taken += len(rows)
        a_start = start[here, best][:, None]
        a_end = end[here, best][:, None]
        inter = np.minimum(a_end, end) - np.maximum(a_start, start)
        np.maximum(inter, 0, out=inter)
        # (len_b + len_a) − inter, as segment_iou, so values are bitwise
        # those of the pairwise formula.
        iou = inter / ((length + length[here, best][:, None]) - inter)
        current[here, best] = -np.inf
        if method == 'nms':
            current[iou >= threshold] = -np.inf
            continue
        if method == 'gaussian':
            weight = torch.from_numpy(-(iou * iou) / sigma).exp_().numpy()
        elif method == 'linear':
            weight = np.where(iou >= threshold, 1 - iou, np.float32(1))
        else:
            weight = (iou < threshold).astype(np.float32)
        with np.errstate(invalid='ignore'):  # −inf × 0 on removed entries
            current *= weight
        current[~(current >= np.float32(min_score))] = -np.inf
    if not taken_index:
        empty = np.zeros(0, np.int64)
        return empty, np.zeros(0, np.float32), empty
    taken_index = np.concatenate(taken_index)
    taken_score = np.concatenate(taken_score)
    taken_row = np.concatenate(taken_row)
    # steps were appended in order, so a stable sort by row keeps them
    order = np.argsort(taken_row, kind='stable')
    return taken_index[order], taken_score[order], taken_row[order]


def _as_numpy(x: torch.Tensor) -> np.ndarray:
    """float32 NumPy copy of any float tensor (bf16 and CUDA included)."""
    return np.ascontiguousarray(x.detach().float().cpu().numpy())


def nms_1d(segments: torch.Tensor, scores: torch.Tensor,
           iou_threshold: float) -> torch.Tensor:
    """Greedy NMS suppressing IoU ≥ ``iou_threshold``.

    Args:
        segments: (N, 2).
        scores: (N,).

    Returns:
        Kept input indices in descending score order.
    """
    if len(scores) == 0:
        return torch.zeros(0, dtype=torch.long)
    zeros = np.zeros(len(scores), np.int64)
    index, _, _ = _lockstep_select(_as_numpy(segments),
                                   _as_numpy(scores), zeros,
                                   np.arange(len(scores)), 'nms',
                                   iou_threshold, 1.0, 0.0, 0, 0)
    return torch.from_numpy(index)


def _check_method(method: str) -> None:
    if method not in SOFT_NMS_METHODS:
        raise ValueError(f'unknown Soft-NMS method {method!r}; expected one '
                         f'of {list(SOFT_NMS_METHODS)}')


def soft_nms_1d(
        segments: torch.Tensor,
        scores: torch.Tensor,
        iou_threshold: float,
        sigma: float,
        min_score: float,
        method: str = 'gaussian',
        max_num: int = 0) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Soft-NMS: repeatedly take the best remaining segment and decay the
    others' scores by their IoU with it.

    Args:
        segments: (N, 2).
        scores: (N,).
        iou_threshold: used by ``hard`` (score → 0) and ``linear``
            (score × (1 − IoU)) when IoU ≥ threshold.
        sigma: Gaussian decay ``exp(-IoU² / sigma)``.
        min_score: decayed scores below it are dropped.
        method: ``'hard'``, ``'linear'`` or ``'gaussian'``.
        max_num: stop after this many selections (> 0); the first
            ``max_num`` results are the same as without the cap.

    Returns:
        Input indices in selection order (K,), their segments (K, 2) and
        decayed scores (K,).
    """
    _check_method(method)
    segments = _as_numpy(segments).reshape(-1, 2)
    if len(segments) == 0:
        return (torch.zeros(0, dtype=torch.long), torch.zeros(0, 2),
                torch.zeros(0))
    index, picked, _ = _lockstep_select(
        segments, _as_numpy(scores),
        np.zeros(len(segments), np.int64), np.arange(len(segments)), method,
        iou_threshold, sigma, min_score, max_num, 0)
    return (torch.from_numpy(index), torch.from_numpy(segments[index]),
            torch.from_numpy(picked))


def segment_voting(kept: torch.Tensor, candidates: torch.Tensor,
                   scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """Replace each kept segment (K, 2) by the average of all candidates
    (N, 2) overlapping it by ≥ ``iou_threshold``, weighted by score × IoU
    (plain IoU here, as the reference)."""
    iou = segment_iou(kept[:, None], candidates[None])
    weights = (iou >= iou_threshold).to(scores.dtype) * scores[None] * iou
    weights = weights / weights.sum(1, keepdim=True)
    return weights @ candidates


def batched_nms_1d(
    segments: torch.Tensor,
    scores: torch.Tensor,
    labels: torch.Tensor,
    iou_threshold: float,
    min_score: float,
    max_seg_num: int,
    use_soft_nms: bool = True,
    multiclass: bool = True,
    sigma: float = 0.5,
    voting_thresh: float = 0.0
) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """ActionFormer's post-processing NMS.

    Multi-class: Gaussian Soft-NMS (or hard NMS) per class, at most
    ``max_seg_num`` each, no voting. Class-agnostic: one NMS over all
    candidates, then segment voting when ``voting_thresh > 0``. Either way
    the result is sorted by score and capped at ``max_seg_num``. The hard
    variant first drops scores ≤ ``min_score``; the soft one does not.

    Args:
        segments: (N, 2) candidates.
        scores: (N,).
        labels: (N,) int64.

    Returns:
        segments (K, 2), scores (K,), labels (K,), K ≤ ``max_seg_num``.
    """
    np_segments = _as_numpy(segments).reshape(-1, 2)
    np_scores = _as_numpy(scores)
    np_labels = labels.detach().cpu().numpy()
    candidates: Optional[np.ndarray] = None
    if not use_soft_nms and min_score > 0:
        candidates = np.flatnonzero(np_scores > np.float32(min_score))
    if len(np_segments) == 0 or (candidates is not None
                                 and len(candidates) == 0):
        return (torch.zeros(0, 2), torch.zeros(0),
                torch.zeros(0, dtype=labels.dtype))
    sub_segments, sub_scores, sub_labels = (
        (np_segments, np_scores, np_labels) if candidates is None else
        (np_segments[candidates], np_scores[candidates],
         np_labels[candidates]))
    if multiclass:
        row, column = _pad_by_class(sub_labels)
    else:
        row = np.zeros(len(sub_scores), np.int64)
        column = np.arange(len(sub_scores))
    index, out_scores, _ = _lockstep_select(
        sub_segments, sub_scores, row, column,
        'gaussian' if use_soft_nms else 'nms', iou_threshold, sigma,
        min_score, max_seg_num, max_seg_num)
    if not use_soft_nms:
        out_scores = sub_scores[index]
    out_segments = torch.from_numpy(sub_segments[index])
    out_labels = torch.from_numpy(sub_labels[index])
    out_scores = torch.from_numpy(out_scores)
    if not multiclass and voting_thresh > 0:
        out_segments = segment_voting(out_segments,
                                      torch.from_numpy(np_segments),
                                      torch.from_numpy(np_scores),
                                      voting_thresh)
    order = torch.sort(out_scores, descending=True, stable=True)[1]
    order = order[:max_seg_num] if max_seg_num > 0 else order
    return out_segments[order], out_scores[order], out_labels[order]
