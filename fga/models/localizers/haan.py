from typing import List, Sequence, Union

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModel


@MODELS.register_module()
class HAAN(BaseModel):
    """Weakly-supervised temporal action detection on clip features with
    hierarchical atomic actions (:class:`HAANHead`).

    Inputs are a list of (T_i, D) clip-feature tensors. Training uses only
    video-level fine/coarse labels and the atomic-action pseudo labels that
    :class:`AtomicActionDiscoveryHook` installs; inference turns the fine
    class activation sequence into segments in seconds.
    """

    def __init__(self, head: dict, data_preprocessor=None,
                 init_cfg=None) -> None:
        super().__init__(data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
        self.head = MODELS.build(head)

    @staticmethod
    def pad(inputs: Sequence[torch.Tensor]):
        """(B, T_max, D) zero-padded features and the lengths."""
        lengths = [len(x) for x in inputs]
        feats = inputs[0].new_zeros(len(inputs), max(lengths),
                                    inputs[0].shape[-1])
        for b, x in enumerate(inputs):
            feats[b, :len(x)] = x
        return feats.float(), lengths

    def forward(self,
                inputs: Union[torch.Tensor, List[torch.Tensor]],
                data_samples=None,
                mode: str = 'tensor'):
        if isinstance(inputs, torch.Tensor):
            inputs = list(inputs) if inputs.dim() == 3 else [inputs]
        if mode == 'tensor':
            feats, lengths = self.pad(inputs)
            return self.head.class_activation(feats)
        if mode == 'loss':
            feats, lengths = self.pad(inputs)
            samples = [
                dict(fine_labels=s.fine_labels, fine_weights=s.fine_weights,
                     coarse_labels=s.coarse_labels,
                     coarse_weights=s.coarse_weights,
                     video_index=s.metainfo['video_index'],
                     video_id=s.metainfo['video_id']) for s in data_samples
            ]
            return self.head.loss(feats, lengths, samples)
        if mode == 'predict':
            for x, sample in zip(inputs, data_samples):
                sample.pred_instances = self.head.predict_video(
                    x.float(), float(sample.metainfo['sec2clip']))
            return data_samples
        raise ValueError(f'invalid mode {mode!r}')
