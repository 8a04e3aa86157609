import torch
from mmaction.registry import TRANSFORMS
from mmaction.structures import ActionDataSample
from mmcv.transforms import BaseTransform
from mmengine.structures import InstanceData


@TRANSFORMS.register_module()
class PackLocalizationFeatures(BaseTransform):
    """Pack ``feat`` (T, C) as the input and the ground truth as
    ``gt_instances`` of an ``ActionDataSample``: ``segments`` (N, 2) in
    seconds and ``labels`` (N,). ``fields`` (those present) become float32
    fields of the sample, ``meta_keys`` its metainfo (ActionFormer's
    decoder needs fps, duration, the feature stride, clip length and crop
    start).
    """

    def __init__(self,
                 meta_keys=('video_id', 'fps', 'duration', 'feat_stride',
                            'feat_num_frames', 'feat_start'),
                 fields=()) -> None:
        self.meta_keys = tuple(meta_keys)
        self.fields = tuple(fields)

    def transform(self, results: dict) -> dict:
        sample = ActionDataSample()
        sample.gt_instances = InstanceData(
            segments=torch.as_tensor(results['gt_segments_seconds'],
                                     dtype=torch.float32).reshape(-1, 2),
            labels=torch.as_tensor(results['gt_labels'], dtype=torch.long))
        # Inference has no video-level labels to pack.
        for name in self.fields:
            if name in results:
                sample.set_field(
                    torch.as_tensor(results[name], dtype=torch.float32),
                    name)
        sample.set_metainfo(
            {k: results[k] for k in self.meta_keys if k in results})
        return dict(inputs=torch.as_tensor(results['feat']),
                    data_samples=sample)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(meta_keys={self.meta_keys}, '
                f'fields={self.fields})')
