"""Anchor-free temporal points and their training targets (ActionFormer).

Grid units are level-0 feature indices throughout.
"""
from typing import List, Sequence, Tuple

import torch
import torch.nn.functional as F

__all__ = ['pyramid_points', 'assign_points', 'decode_segments']


def pyramid_points(lengths: Sequence[int],
                   strides: Sequence[int],
                   regression_ranges: Sequence[Tuple[float, float]],
                   device=None) -> List[torch.Tensor]:
    """Points of every pyramid level, generated for any length.

    Level l has points t = 0, s_l, 2·s_l, ... (no half-stride offset).

    Returns:
        One (T_l, 4) float tensor per level with rows
        ``(t, range_low, range_high, stride)``.
    """
    points = []
    for length, stride, (low, high) in zip(lengths, strides,
                                           regression_ranges):
        t = torch.arange(length, dtype=torch.float32, device=device) * stride
        points.append(
            torch.stack([
                t,
                torch.full_like(t, float(low)),
                torch.full_like(t, float(high)),
                torch.full_like(t, float(stride))
            ], 1))
    return points


def assign_points(
        points: torch.Tensor,
        gt_segments: torch.Tensor,
        gt_labels: torch.Tensor,
        num_classes: int,
        center_sample: str = 'radius',
        center_radius: float = 1.5) -> Tuple[torch.Tensor, torch.Tensor]:
    """Classification and regression targets of one video's points.

    A point is positive for a ground truth when it lies (strictly) in the
    centre region ``centre ± radius·stride`` clipped to the segment (or
    strictly inside the segment with ``center_sample='none'``) and the
    longer of its distances to the boundaries is within the level's
    regression range (inclusive). Of several such segments the shortest
    wins; every segment within 1e-3 of that length adds its class
    (multi-hot), and the regression target is the first shortest one's
    ``(left, right) / stride``.

    Args:
        points: (P, 4) concatenated levels from :func:`pyramid_points`.
        gt_segments: (N, 2) grid units.
        gt_labels: (N,) int64.

    Returns:
        cls_targets (P, num_classes) in {0, 1} and reg_targets (P, 2), the
        encoding :func:`decode_segments` inverts.
    """
    num_points, num_gts = len(points), len(gt_segments)
    if num_gts == 0:
        return (points.new_zeros(num_points,
                                 num_classes), points.new_zeros(num_points, 2))
    gt_segments = gt_segments.to(points.dtype)
    t, low, high, stride = (points[:, i:i + 1] for i in range(4))
    starts, ends = gt_segments[:, 0][None], gt_segments[:, 1][None]
    left, right = t - starts, ends - t  # (P, N)
    if center_sample == 'radius':
        centre = 0.5 * (starts + ends)
        inside = torch.minimum(
            t - torch.maximum(centre - stride * center_radius, starts),
            torch.minimum(centre + stride * center_radius, ends) - t) > 0
    elif center_sample == 'none':
        inside = torch.minimum(left, right) > 0
    else:
        raise ValueError(f"center_sample must be 'radius' or 'none', got "
                         f'{center_sample!r}')
    reach = torch.maximum(left, right)
    in_range = (reach >= low) & (reach <= high)
    lengths = (ends - starts).expand(num_points, num_gts).clone()
    lengths[~(inside & in_range)] = float('inf')
    min_len, min_index = lengths.min(dim=1)
    ties = ((lengths <= min_len[:, None] + 1e-3) &
            (lengths < float('inf'))).to(points.dtype)
    cls_targets = (
        ties @ F.one_hot(gt_labels, num_classes).to(points.dtype)).clamp_(
            0.0, 1.0)
    rows = torch.arange(num_points, device=points.device)
    reg_targets = torch.stack([left[rows, min_index], right[rows, min_index]],
                              1) / stride
    return cls_targets, reg_targets


def decode_segments(points: torch.Tensor,
                    offsets: torch.Tensor) -> torch.Tensor:
    """Segments (K, 2) in grid units from points (K, 4) and their
    regressed boundary distances (K, 2) in stride units: the inverse of
    :func:`assign_points`' regression targets."""
    t, stride = points[:, 0], points[:, 3]
    return torch.stack([t - offsets[:, 0] * stride,
                        t + offsets[:, 1] * stride], -1)
