"""The math of HAAN (weakly-supervised detection with hierarchical atomic
actions), as small pure functions. Shapes: T clips, C fine classes, K
atomic actions (visual concepts), E feature channels."""
import math
from typing import Tuple

import numpy as np
import torch
import torch.nn.functional as F

__all__ = [
    'above_mean_pooling', 'visual_concepts',
    'fine_level_representations', 'coarse_level_representations',
    'cas_proposals'
]


def above_mean_pooling(scores: torch.Tensor) -> torch.Tensor:
    """Video logits from clip logits (T, C): per class, the mean of the
    clip scores at or above that class's temporal mean (an adaptive
    top-k). Returns (C,)."""
    keep = scores >= scores.mean(dim=0, keepdim=True)
    return (scores * keep).sum(dim=0) / keep.sum(dim=0)


def visual_concepts(features: torch.Tensor, assignments: torch.Tensor,
                    num_concepts: int) -> torch.Tensor:
    """Mean feature of the clips assigned to each atomic action.

    Args:
        features: (T, E) clip features (gradients flow through).
        assignments: (T,) int64 in [0, K).
        num_concepts: K.

    Returns:
        (K, E); zero rows for atomic actions without clips.
    """
    sums = features.new_zeros(num_concepts, features.shape[1]).index_add(
        0, assignments, features)
    counts = torch.bincount(
        assignments, minlength=num_concepts).to(features.dtype)
    return sums / counts.clamp(min=1)[:, None]


def fine_level_representations(class_weights: torch.Tensor,
                               concepts: torch.Tensor,
                               top_k: int) -> torch.Tensor:
    """Each fine class's representation: the mean of the ``top_k`` visual
    concepts most cosine-similar to its classifier weight (the choice is
    not differentiated; the average is).

    Args:
        class_weights: (C, E), used detached.
        concepts: (K, E).

    Returns:
        (C, E).
    """
    with torch.no_grad():
        # normalise-and-multiply: the reference's broadcast cosine built a
        # C × K × E tensor (400 MB at FineGym sizes) per video.
        similarity = F.normalize(class_weights.detach(), dim=1) @ \
            F.normalize(concepts.detach(), dim=1).T
        index = similarity.topk(top_k, dim=1).indices  # (C, top_k)
    return concepts[index].sum(dim=1) / top_k


def coarse_level_representations(fine_reps: torch.Tensor,
                                 fine_to_coarse: torch.Tensor,
                                 num_coarse: int,
                                 pooling: str = 'mean') -> torch.Tensor:
    """Pool fine-class representations (C, E) into their coarse classes
    (``mean`` or ``max`` over children) → (num_coarse, E)."""
    if pooling not in ('mean', 'max'):
        raise ValueError(f"pooling must be 'mean' or 'max', got {pooling!r}")
    index = fine_to_coarse[:, None].expand_as(fine_reps)
    out = fine_reps.new_zeros(num_coarse, fine_reps.shape[1])
    reduce = 'mean' if pooling == 'mean' else 'amax'
    return out.scatter_reduce(
        0, index, fine_reps, reduce=reduce, include_self=False)


def cas_proposals(
        cas: np.ndarray, sec2clip: float, alpha: float,
        kmax_mod_factor: float) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HAAN's test-time detection from a class activation sequence.

    Video score ``c_s`` = mean of the top ceil(T / kmax_mod_factor) clip
    logits per class; classes with ``c_s <= 0`` are dropped. Each column is
    thresholded at ``mean + alpha·(max − min)`` (strict ``>``); every
    maximal run [s, e) of positive clips becomes a segment
    [s / sec2clip, e / sec2clip] scored ``max(cas[s:e]) + 0.5·c_s``.

    Args:
        cas: (T, C) clip logits.

    Returns:
        segments (N, 2) seconds, scores (N,), labels (N,), sorted by score.
    """
    cas = np.asarray(cas, dtype=np.float64)
    length = cas.shape[0]
    top = int(math.ceil(length / kmax_mod_factor))
    video_scores = -np.sort(-cas, axis=0)[:top].mean(0)
    cas = cas * (video_scores > 0)
    threshold = cas.mean(0) + alpha * (cas.max(0) - cas.min(0))
    positive = (cas > threshold).T  # (C, T)
    edges = np.diff(np.pad(positive.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    # Row-major nonzero walks class by class and, within a class, in
    # time order, so the k-th start and the k-th end delimit one run.
    labels, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    if len(starts) == 0:
        return np.zeros((0, 2)), np.zeros(0), np.zeros(0, dtype=np.int64)
    flat = np.append(cas.T.ravel(), 0.0)
    bounds = np.stack([labels * length + starts, labels * length + ends],
                      1).ravel()
    run_max = np.maximum.reduceat(flat, bounds)[::2]
    scores = run_max + 0.5 * video_scores[labels]
    segments = np.stack([starts / sec2clip, ends / sec2clip], 1)
    order = np.argsort(-scores, kind='stable')
    return segments[order], scores[order], labels[order].astype(np.int64)
