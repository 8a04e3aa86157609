import math
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModel

from ..utils.masking import pad_sequences


@MODELS.register_module()
class ActionFormer(BaseModel):
    """ActionFormer: single-stage anchor-free temporal action localization
    on pre-extracted features (Zhang et al., ECCV 2022).

    backbone (feature pyramid) → neck → :class:`ActionFormerHead`.

    Inputs are a list of (T_i, C) feature tensors. Training pads them to
    ``max_seq_len`` (crop longer videos in the pipeline); inference pads
    only to the next multiple of ``max_div_factor`` (the largest
    stride × window span), so any length is accepted and padding never
    changes the valid outputs. Ground truth and predictions are in seconds
    (``gt_instances`` / ``pred_instances``); the head maps them onto the
    feature grid.

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
        """Right-pad (T_i, C) features with zeros: to ``max_seq_len`` in
        training, to the next multiple of ``max_div_factor`` otherwise.

        Returns:
            (B, C, T) features (the backbone's layout) and their (B, T)
            valid mask.
        """
        longest = max(len(x) for x in inputs)
        if self.training and longest > self.max_seq_len:
            raise ValueError(
                f'a training input has {longest} feature steps, more than '
                f'max_seq_len {self.max_seq_len}; crop it in the pipeline '
                '(RandomFeatureTruncate)')
        feats, valid = pad_sequences(
            [x.float() for x in inputs],
            length=self.max_seq_len if self.training else None,
            multiple=self.max_div_factor)
        return feats.transpose(1, 2), valid

    def extract_feat(
        self, inputs: Sequence[torch.Tensor]
    ) -> Tuple[Tuple[torch.Tensor, ...], Tuple[torch.Tensor, ...]]:
        """Pyramid levels (B, C, T_l) and their valid masks (B, T_l)."""
        return self.neck(*self.backbone(*self.pad_inputs(inputs)))

    def forward(self,
                inputs: Union[torch.Tensor, List[torch.Tensor]],
                data_samples=None,
                mode: str = 'tensor'):
        """``inputs``: (T_i, C) features per video, a list or a (B, T, C)
        batch of equal lengths."""
        if isinstance(inputs, torch.Tensor):
            inputs = list(inputs) if inputs.dim() == 3 else [inputs]
        feats, valid_masks = self.extract_feat(inputs)
        if mode == 'tensor':
            return self.head(feats, valid_masks)
        if mode == 'loss':
            return self.head.loss(feats, data_samples, valid_mask=valid_masks)
        if mode == 'predict':
            return self.head.predict(feats, data_samples,
                                     valid_mask=valid_masks)
        raise ValueError(f'invalid mode {mode!r}')

    def loss(self, inputs, data_samples) -> Dict[str, torch.Tensor]:
        return self.forward(inputs, data_samples, mode='loss')
