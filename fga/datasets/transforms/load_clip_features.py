from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from fga.annotations.features import check_feature_array, load_feature_array


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
            feats = check_feature_array(results['feature'], self.in_channels,
                                        'in the feature array', video)
        else:
            feats = load_feature_array(results['feature_path'],
                                       self.in_channels, video)
        results['feat'] = feats
        return results
