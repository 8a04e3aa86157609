import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class LoadClipFeatures(BaseTransform):
    """Take a video's (T, C) clip features from ``feature`` (in memory) or
    ``feature_path`` (``.npy``), check them and store ``feat`` (T, C)
    float32.

    Args:
        in_channels: expected C.
    """

    def __init__(self, in_channels: int) -> None:
        self.in_channels = in_channels

    def transform(self, results: dict) -> dict:
        video = results['video_id']
        if 'feature' in results:
            feats, source = results['feature'], 'the feature array'
        else:
            source = results['feature_path']
            try:
                feats = np.load(source)
            except (OSError, ValueError) as err:
                raise ValueError(f'video {video}: cannot read features '
                                 f'{source}: {err}') from None
        feats = np.asarray(feats)
        if feats.ndim != 2 or feats.shape[1] != self.in_channels or len(
                feats) == 0:
            raise ValueError(f'video {video}: features in {source} have '
                             f'shape {feats.shape}, expected (T >= 1, '
                             f'{self.in_channels})')
        if not np.isfinite(feats).all():
            raise ValueError(f'video {video}: features in {source} contain '
                             'NaN or Inf')
        results['feat'] = feats.astype(np.float32)
        return results
