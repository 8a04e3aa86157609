"""1-D (Soft-)NMS and segment voting in plain PyTorch.

The semantics are those of ActionFormer's C++ extension (ported from mmcv's
2-D NMS), which published THUMOS14/ActivityNet numbers depend on: float32
arithmetic, segment length ``end - start + 1e-6``, Gaussian decay
``exp(-IoU² / sigma)`` (not ``2·sigma²``) that ignores the IoU threshold,
and Soft-NMS dropping a decayed score below ``min_score`` at once. Exact
score ties are broken by the lower input index (the extension's choice
depends on its internal swaps).
"""
from typing import Tuple

import torch

from fga.utils.segments import segment_iou

__all__ = [
    'segment_overlaps', 'nms_1d', 'soft_nms_1d', 'segment_voting',
    'batched_nms_1d'
]

SOFT_NMS_METHODS = ('hard', 'linear', 'gaussian')


def segment_overlaps(segment: torch.Tensor,
                     segments: torch.Tensor) -> torch.Tensor:
    """IoU of one segment (2,) with segments (N, 2) using the extension's
    ``+1e-6`` lengths, in float32."""
    return segment_iou(segment, segments, length_eps=1e-6)


def nms_1d(segments: torch.Tensor, scores: torch.Tensor,
           iou_threshold: float) -> torch.Tensor:
    """Greedy NMS suppressing IoU ≥ ``iou_threshold``.

    Args:
        segments: (N, 2).
        scores: (N,).

    Returns:
        Kept input indices in descending score order.
    """
    segments = segments.detach().float().cpu()
    order = torch.sort(
        scores.detach().float().cpu(), descending=True, stable=True)[1]
    alive = torch.ones(len(order), dtype=torch.bool)
    ordered = segments[order]
    for i in range(len(order)):
        if not alive[i]:
            continue
        later = alive[i + 1:]
        overlap = segment_overlaps(ordered[i], ordered[i + 1:])
        alive[i + 1:] = later & ~(overlap >= iou_threshold)
    return order[alive]


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
    if method not in SOFT_NMS_METHODS:
        raise ValueError(f'unknown Soft-NMS method {method!r}; expected one '
                         f'of {list(SOFT_NMS_METHODS)}')
    segments = segments.detach().float().cpu()
    # Survivors are kept compacted, so every step touches only them.
    remaining = torch.arange(len(segments))
    current = scores.detach().float().cpu().clone()
    alive = segments
    sigma = torch.tensor(sigma, dtype=torch.float32)
    picked, picked_scores = [], []
    limit = max_num if max_num > 0 else len(remaining)
    while len(remaining) and len(picked) < limit:
        best = int(current.argmax())
        picked.append(int(remaining[best]))
        picked_scores.append(float(current[best]))
        rest = torch.ones(len(remaining), dtype=torch.bool)
        rest[best] = False
        overlap = segment_overlaps(alive[best], alive[rest])
        if method == 'gaussian':
            weight = torch.exp(-(overlap * overlap) / sigma)
        elif method == 'linear':
            weight = torch.where(overlap >= iou_threshold, 1 - overlap,
                                 torch.ones_like(overlap))
        else:
            weight = (overlap < iou_threshold).float()
        decayed = current[rest] * weight
        survive = decayed >= min_score
        remaining = remaining[rest][survive]
        current = decayed[survive]
        alive = alive[rest][survive]
    index = torch.tensor(picked, dtype=torch.long)
    return (index, segments[index].reshape(-1, 2),
            torch.tensor(picked_scores, dtype=torch.float32))


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
    segments = segments.detach().float().cpu()
    scores = scores.detach().float().cpu()
    labels = labels.detach().cpu()
    if len(segments) == 0:
        return (torch.zeros(0, 2), torch.zeros(0),
                torch.zeros(0, dtype=labels.dtype))

    def suppress(seg, sco, lab):
        if use_soft_nms:
            index, seg_out, sco_out = soft_nms_1d(seg, sco, iou_threshold,
                                                  sigma, min_score, 'gaussian',
                                                  max_seg_num)
        else:
            valid = sco > min_score if min_score > 0 else torch.ones_like(
                sco, dtype=torch.bool)
            seg, sco, lab = seg[valid], sco[valid], lab[valid]
            index = nms_1d(seg, sco, iou_threshold)
            seg_out, sco_out = seg[index], sco[index]
        if max_seg_num > 0:
            index, seg_out, sco_out = (index[:max_seg_num],
                                       seg_out[:max_seg_num],
                                       sco_out[:max_seg_num])
        return seg_out, sco_out, lab[index]

    if multiclass:
        parts = [
            suppress(segments[labels == c], scores[labels == c],
                     labels[labels == c]) for c in torch.unique(labels)
        ]
        out_segments, out_scores, out_labels = (
            torch.cat(x) for x in zip(*parts))
    else:
        out_segments, out_scores, out_labels = suppress(
            segments, scores, labels)
        if voting_thresh > 0:
            out_segments = segment_voting(out_segments, segments, scores,
                                          voting_thresh)
    order = torch.sort(out_scores, descending=True, stable=True)[1]
    order = order[:max_seg_num] if max_seg_num > 0 else order
    return out_segments[order], out_scores[order], out_labels[order]
