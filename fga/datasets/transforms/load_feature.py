import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from fga.annotations.features import (check_feature_array,
                                      check_feature_coverage,
                                      load_feature_array)


@TRANSFORMS.register_module()
class LoadFeature(BaseTransform):
    """Load a video's (T, C) features from ``feature_path`` (or take the
    array in ``feature``, e.g. features just extracted for inference).

    Required keys: ``video_id``, ``feature_path`` or ``feature``,
    ``feat_stride``, ``feat_num_frames``.
    A file far shorter than the video's ``duration`` (with ``fps``) implies
    is an error (:func:`fga.annotations.features.check_feature_coverage`).

    Added keys: ``feat`` (T, C) float32 tensor, ``feat_start`` (0: the
    first step of the file); ``feat_stride`` / ``feat_num_frames`` are
    updated when the features are resampled. Ground truth stays in seconds
    (``gt_segments_seconds``); see :mod:`fga.annotations.features` for the
    map onto the feature grid.

    Args:
        in_channels: expected C.
        downsample_rate: keep every n-th feature.
        force_upsampling: resize every video to ``resize_length`` steps
            (ActivityNet recipe); stride and clip length become
            ``((T − 1)·S + F) / resize_length``.
        resize_length: length used with ``force_upsampling``.
        npz_key: array name inside ``.npz`` files.
    """

    def __init__(self,
                 in_channels: int,
                 downsample_rate: int = 1,
                 force_upsampling: bool = False,
                 resize_length: int = 0,
                 npz_key: str = 'feats') -> None:
        if force_upsampling and resize_length <= 0:
            raise ValueError('force_upsampling needs resize_length > 0')
        self.in_channels = in_channels
        self.downsample_rate = downsample_rate
        self.force_upsampling = force_upsampling
        self.resize_length = resize_length
        self.npz_key = npz_key

    def transform(self, results: dict) -> dict:
        if 'feature' in results:
            feats = check_feature_array(results['feature'], self.in_channels,
                                        'in the feature array',
                                        results['video_id'])
        else:
            feats = load_feature_array(results['feature_path'],
                                       self.in_channels, results['video_id'],
                                       self.npz_key)
        stride = results['feat_stride']
        frames = results['feat_num_frames']
        if 'duration' in results:
            check_feature_coverage(len(feats), results['duration'],
                                   results['fps'], stride, frames,
                                   results.get('feature_path',
                                               'the feature array'),
                                   results['video_id'])
        if self.force_upsampling:
            stride = ((feats.shape[0] - 1) * stride + frames) / \
                self.resize_length
            frames = stride
        elif self.downsample_rate > 1:
            feats = feats[::self.downsample_rate]
            stride = stride * self.downsample_rate
        feat = torch.from_numpy(np.ascontiguousarray(feats))
        if self.force_upsampling and len(feat) != self.resize_length:
            feat = F.interpolate(
                feat.T[None], size=self.resize_length, mode='linear',
                align_corners=False)[0].T.contiguous()
        results['feat'] = feat
        results['feat_stride'] = stride
        results['feat_num_frames'] = frames
        results['feat_start'] = 0
        return results
