import torch
from mmaction.registry import TRANSFORMS
from mmaction.structures import ActionDataSample
from mmcv.transforms import BaseTransform
from mmengine.structures import InstanceData


@TRANSFORMS.register_module()
class PackLocalizationFeatures(BaseTransform):
    """Pack ``feat`` (C, T) as the input and the ground truth (grid units)
    as ``gt_instances`` of an ``ActionDataSample``; ``meta_keys`` go to its
    metainfo (the decoder needs fps, duration, stride and clip length)."""

    def __init__(self,
                 meta_keys=('video_id', 'fps', 'duration', 'feat_stride',
                            'feat_num_frames')) -> None:
        self.meta_keys = meta_keys

    def transform(self, results: dict) -> dict:
        sample = ActionDataSample()
        sample.gt_instances = InstanceData(
            segments=torch.as_tensor(results['gt_segments'],
                                     dtype=torch.float32).reshape(-1, 2),
            labels=torch.as_tensor(results['gt_labels'], dtype=torch.long))
        sample.set_metainfo({k: results[k] for k in self.meta_keys})
        return dict(inputs=results['feat'], data_samples=sample)
