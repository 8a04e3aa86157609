"""Pack a clip and its sequence targets into an ActionDataSample."""
import numpy as np
import torch
from mmaction.registry import TRANSFORMS
from mmaction.structures import ActionDataSample
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class PackEventSequenceInputs(BaseTransform):
    """``inputs``: the formatted ``imgs``. Data-sample fields:
    ``valid_mask`` (T,) True on real (not padded) frames,
    ``event_positions`` (k,), ``event_labels`` (k,) and, for evaluation
    clips, ``gt_sequence`` (the whole video's class indices for the
    sequence metrics) and ``gt_event_frames``/``gt_event_labels`` (its
    events, for the spotting metric). Metainfo:
    ``meta_keys``.
    """

    FIELDS = ('event_positions', 'event_labels', 'gt_sequence',
              'gt_event_frames', 'gt_event_labels')

    def __init__(self,
                 meta_keys=('video', 'num_frames', 'clip_start',
                            'clip_start_index', 'stride', 'clip_len',
                            'img_shape')) -> None:
        self.meta_keys = meta_keys

    def transform(self, results: dict) -> dict:
        imgs = np.ascontiguousarray(results['imgs'])
        sample = ActionDataSample()
        for key in self.FIELDS:
            if key in results:
                sample.set_field(torch.as_tensor(results[key]), key)
        valid = results.get('frame_valid')
        if valid is not None:
            sample.set_field(torch.as_tensor(np.asarray(valid)), 'valid_mask')
        sample.set_metainfo(
            {k: results[k] for k in self.meta_keys if k in results})
        return dict(inputs=torch.from_numpy(imgs), data_samples=sample)

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(meta_keys={self.meta_keys})'
