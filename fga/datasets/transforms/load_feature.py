import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


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

    def _read(self, path: str, video: str) -> np.ndarray:
        try:
            data = np.load(path)
            if isinstance(data, np.lib.npyio.NpzFile):
                if self.npz_key not in data:
                    raise ValueError(f'no array {self.npz_key!r} (has '
                                     f'{list(data.keys())})')
                data = data[self.npz_key]
        except (OSError, ValueError, EOFError) as err:
            raise ValueError(f'video {video}: cannot read features {path}: '
                             f'{err}') from None
        if data.ndim != 2 or data.shape[1] != self.in_channels:
            raise ValueError(f'video {video}: features {path} have shape '
                             f'{data.shape}, expected (T, {self.in_channels})')
        if data.shape[0] == 0:
            raise ValueError(f'video {video}: features {path} are empty')
        if not np.isfinite(data).all():
            raise ValueError(f'video {video}: features {path} contain NaN '
                             f'or Inf')
        return data.astype(np.float32)

    def transform(self, results: dict) -> dict:
        video = results['video_id']
        feats = self._read(results['feature_path'], video)
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
