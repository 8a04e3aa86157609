import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from fga.annotations.features import load_feature_array


@TRANSFORMS.register_module()
class LoadFeature(BaseTransform):
    """Load a (T, C) feature file and map ground truth to feature indices.

    Features sit at clip centres: with frame rate f, stride S and clip
    length F, t seconds ↔ grid ``t·f/S − F/(2S)``.

    Required keys: ``video_id``, ``feature_path``, ``fps``, ``duration``,
    ``feat_stride``, ``feat_num_frames``, ``gt_segments_seconds``,
    ``gt_labels``.
    Added keys: ``feat`` (C, T) float32, ``gt_segments`` (N, 2) grid,
    ``feat_offset``; ``feat_stride``/``feat_num_frames`` are updated.

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
        video = results['video_id']
        feats = load_feature_array(results['feature_path'],
                                   self.in_channels, video, self.npz_key)
        stride = results['feat_stride']
        frames = results['feat_num_frames']
        if self.force_upsampling:
            stride = ((feats.shape[0] - 1) * stride + frames) / \
                self.resize_length
            frames = stride
        elif self.downsample_rate > 1:
            feats = feats[::self.downsample_rate]
            stride = stride * self.downsample_rate
        feat = torch.from_numpy(np.ascontiguousarray(feats.T))
        if self.force_upsampling and feat.shape[-1] != self.resize_length:
            feat = F.interpolate(feat[None], size=self.resize_length,
                                 mode='linear', align_corners=False)[0]
        offset = 0.5 * frames / stride
        results['feat'] = feat
        results['feat_stride'] = stride
        results['feat_num_frames'] = frames
        results['feat_offset'] = offset
        results['gt_segments'] = (
            np.asarray(results['gt_segments_seconds'], dtype=np.float64) *
            results['fps'] / stride - offset).astype(np.float32)
        return results
