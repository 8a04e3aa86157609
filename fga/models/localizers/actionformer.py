import math
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModel


@MODELS.register_module()
class ActionFormer(BaseModel):
    """ActionFormer: single-stage anchor-free temporal action localization
    on pre-extracted features (Zhang et al., ECCV 2022).

    backbone (feature pyramid) → neck → :class:`ActionFormerHead`.

    Inputs are a list of (C, T_i) feature tensors. Training pads them to
    ``max_seq_len`` (crop longer videos in the pipeline); inference pads
    only to the next multiple of ``max_div_factor`` (the largest
    stride × window span), so any length is accepted and padding never
    changes the valid outputs.

    Args:
        backbone / neck / head: configs.
        max_seq_len: training length in feature steps (2304 for THUMOS14).
    """

    def __init__(self,
                 backbone: dict,
                 neck: dict,
                 head: dict,
                 max_seq_len: int = 2304,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg=None) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck)
        self.head = MODELS.build(head)
        self.max_seq_len = max_seq_len
        strides = self.backbone.strides
        if list(self.head.strides) != strides:
            raise ValueError(f'head strides {self.head.strides} differ from '
                             f'the backbone pyramid strides {strides}')
        spans = [
            s * (w // 2) * 2 if w > 1 else s
            for s, w in zip(strides, self.backbone.window_size)
        ]
        self.max_div_factor = max(spans)
        if max_seq_len % self.max_div_factor:
            suggestion = math.ceil(
                max_seq_len / self.max_div_factor) * self.max_div_factor
            raise ValueError(
                f'max_seq_len {max_seq_len} must be a multiple of '
                f'{self.max_div_factor} (the largest stride × window span, '
                f'strides {strides}, windows {self.backbone.window_size}); '
                f'use e.g. {suggestion}')

    def pad_inputs(
            self, inputs: Sequence[torch.Tensor]
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Right-pad (C, T_i) features with zeros.

        Returns:
            (B, C, T) features and a (B, 1, T) bool mask of valid steps.
        """
        lengths = [x.shape[-1] for x in inputs]
        longest = max(lengths)
        if self.training:
            if longest > self.max_seq_len:
                raise ValueError(
                    f'a training input has {longest} feature steps, more '
                    f'than max_seq_len {self.max_seq_len}; crop it in the '
                    f'pipeline (RandomFeatureTruncate)')
            target = self.max_seq_len
        else:
            target = max(
                math.ceil(longest / self.max_div_factor), 1) * \
                self.max_div_factor
        feats = torch.stack(
            [F.pad(x.float(), (0, target - x.shape[-1])) for x in inputs])
        steps = torch.arange(target, device=feats.device)
        mask = steps[None] < torch.tensor(
            lengths, device=feats.device)[:, None]
        return feats, mask[:, None]

    def extract_feat(
        self, inputs: Sequence[torch.Tensor]
    ) -> Tuple[Tuple[torch.Tensor, ...], Tuple[torch.Tensor, ...]]:
        feats, mask = self.pad_inputs(inputs)
        return self.neck(*self.backbone(feats, mask))

    def forward(self,
                inputs: Union[torch.Tensor, List[torch.Tensor]],
                data_samples=None,
                mode: str = 'tensor'):
        if isinstance(inputs, torch.Tensor):
            inputs = list(inputs) if inputs.dim() == 3 else [inputs]
        feats, masks = self.extract_feat(inputs)
        if mode == 'tensor':
            return self.head(feats, masks)
        if mode == 'loss':
            return self.head.loss(
                feats, masks,
                [s.gt_instances.segments.float() for s in data_samples],
                [s.gt_instances.labels.long() for s in data_samples])
        if mode == 'predict':
            results = self.head.predict(feats, masks,
                                        [s.metainfo for s in data_samples])
            for sample, result in zip(data_samples, results):
                sample.pred_instances = result
            return data_samples
        raise ValueError(f'invalid mode {mode!r}')

    def loss(self, inputs, data_samples) -> Dict[str, torch.Tensor]:
        return self.forward(inputs, data_samples, mode='loss')
