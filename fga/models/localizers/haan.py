from typing import List, Union

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModel

from ..utils.masking import pad_sequences


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

    def forward(self,
                inputs: Union[torch.Tensor, List[torch.Tensor]],
                data_samples=None,
                mode: str = 'tensor'):
        if isinstance(inputs, torch.Tensor):
            inputs = list(inputs) if inputs.dim() == 3 else [inputs]
        feats, valid_mask = pad_sequences([x.float() for x in inputs])
        if mode == 'tensor':
            return self.head(feats, valid_mask)
        if mode == 'loss':
            return self.head.loss(feats, data_samples, valid_mask=valid_mask)
        if mode == 'predict':
            return self.head.predict(feats, data_samples,
                                     valid_mask=valid_mask)
        raise ValueError(f'invalid mode {mode!r}')
