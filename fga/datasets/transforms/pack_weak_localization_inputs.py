import torch
from mmaction.registry import TRANSFORMS
from mmaction.structures import ActionDataSample
from mmcv.transforms import BaseTransform
from mmengine.structures import InstanceData


@TRANSFORMS.register_module()
class PackWeakLocalizationInputs(BaseTransform):
    """Pack ``feat`` (T, C) as the input; video-level labels and weights
    as fields of an ``ActionDataSample``; ground-truth segments in seconds
    as ``gt_instances`` (used only by the metric)."""

    FIELDS = ('fine_labels', 'fine_weights', 'coarse_labels',
              'coarse_weights')

    def transform(self, results: dict) -> dict:
        sample = ActionDataSample()
        for name in self.FIELDS:
            sample.set_field(
                torch.as_tensor(results[name], dtype=torch.float32), name)
        sample.gt_instances = InstanceData(
            segments=torch.as_tensor(results['gt_segments_seconds'],
                                     dtype=torch.float32).reshape(-1, 2),
            labels=torch.as_tensor(results['gt_labels'], dtype=torch.long))
        sample.set_metainfo(
            dict(video_id=results['video_id'],
                 video_index=results['video_index'],
                 sec2clip=results['sec2clip']))
        return dict(inputs=torch.from_numpy(results['feat']),
                    data_samples=sample)
