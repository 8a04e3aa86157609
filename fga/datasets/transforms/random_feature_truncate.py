import warnings
from typing import Optional, Sequence

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from fga.annotations.features import (grid_geometry, grid_to_seconds,
                                      seconds_to_grid)


@TRANSFORMS.register_module()
class RandomFeatureTruncate(BaseTransform):
    """ActionFormer's training crop.

    A video longer than ``max_seq_len`` steps is cut to a random window of
    that length; with ``crop_ratio`` (lo, hi) a shorter video is cut to a
    random length L in [round(lo·T), round(hi·T)] (L = T leaves it whole).
    On the feature grid, ground truth is intersected with the window
    widened by half a clip on both sides and kept when the intersection is
    ≥ ``trunc_thresh`` of its length; kept segments are clipped. Up to
    ``max_tries`` windows are drawn to keep at least one segment; otherwise
    the last one is used (with a warning).

    Required keys: ``feat`` (T, C), ``gt_segments_seconds`` (N, 2),
    ``gt_labels``, ``fps``, ``feat_stride``, ``feat_num_frames``,
    ``feat_start``. Modified: ``feat``, ``feat_start`` (the window's first
    step), ``gt_segments_seconds`` (clipped, still in seconds of the whole
    video), ``gt_labels``.
    """

    def __init__(self,
                 max_seq_len: int,
                 trunc_thresh: float = 0.5,
                 crop_ratio: Optional[Sequence[float]] = None,
                 max_tries: int = 200) -> None:
        self.max_seq_len = max_seq_len
        self.trunc_thresh = trunc_thresh
        self.crop_ratio = crop_ratio
        self.max_tries = max_tries

    def transform(self, results: dict) -> dict:
        feat = results['feat']
        length = feat.shape[0]
        if length <= self.max_seq_len:
            if self.crop_ratio is None:
                return results
            window = int(np.random.randint(
                max(round(self.crop_ratio[0] * length), 1),
                min(round(self.crop_ratio[1] * length), length) + 1))
            if window == length:
                return results
        else:
            window = self.max_seq_len
        geometry = grid_geometry(results)
        segments = seconds_to_grid(
            np.asarray(results['gt_segments_seconds'],
                       dtype=np.float64).reshape(-1, 2), **geometry)
        labels = np.asarray(results['gt_labels'])
        if len(segments) == 0:
            start = int(np.random.randint(0, length - window + 1))
            results['feat'] = feat[start:start + window]
            results['feat_start'] = geometry['start'] + start
            return results
        offset = 0.5 * geometry['num_frames'] / geometry['stride']
        lengths = segments[:, 1] - segments[:, 0]
        for _ in range(self.max_tries):
            start = int(np.random.randint(0, length - window + 1))
            lo, hi = start - offset, start + window + offset
            clipped = np.stack([np.maximum(segments[:, 0], lo),
                                np.minimum(segments[:, 1], hi)], 1)
            inter = (clipped[:, 1] - clipped[:, 0]).clip(min=0)
            keep = inter >= self.trunc_thresh * lengths
            if keep.any():
                break
        else:
            warnings.warn(f'video {results.get("video_id")}: no crop of '
                          f'{window} steps keeps a ground-truth segment '
                          f'after {self.max_tries} tries')
        results['feat'] = feat[start:start + window]
        results['feat_start'] = geometry['start'] + start
        results['gt_segments_seconds'] = grid_to_seconds(
            clipped[keep], **geometry)
        results['gt_labels'] = labels[keep]
        return results
