"""Backbone -> framewise neck -> sequence head, for models that see every
sampled frame of a clip (event spotting, F3AST)."""
from typing import List, Optional

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModel


@MODELS.register_module()
class FramewiseRecognizer(BaseModel):
    """Any MMAction2 backbone, a neck giving (B, T, C) per-frame features,
    and a head with ``loss(feats, data_samples, valid_mask)`` and
    ``predict(feats, data_samples, valid_mask)``; ``valid_mask`` (B, T)
    comes from the samples' ``valid_mask`` fields (all frames when absent).

    Inputs come from ``ActionDataPreprocessor(format_shape='NCTHW')`` as
    (B, 1, 3, T, H, W). A 2D backbone (``backbone_dims=2``) sees the T
    frames folded into the batch; a 3D one sees the clip.
    """

    def __init__(self,
                 backbone: dict,
                 neck: dict,
                 head: dict,
                 backbone_dims: int = 3,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if backbone_dims not in (2, 3):
            raise ValueError('backbone_dims must be 2 or 3')
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck)
        self.head = MODELS.build(head)
        self.backbone_dims = backbone_dims

    def extract_feat(self, inputs: torch.Tensor) -> torch.Tensor:
        """(B, 1, 3, T, H, W) or (B, 3, T, H, W) -> (B, T, C)."""
        if inputs.dim() == 6:
            if inputs.shape[1] != 1:
                raise ValueError('FramewiseRecognizer takes one clip per '
                                 f'sample, got {inputs.shape[1]}')
            inputs = inputs[:, 0]
        batch, _, num_frames = inputs.shape[:3]
        if self.backbone_dims == 2:
            inputs = inputs.transpose(1, 2).flatten(0, 1)
        return self.neck(self.backbone(inputs), batch, num_frames)

    @staticmethod
    def valid_mask(data_samples, batch: int, num_frames: int,
                   device) -> torch.Tensor:
        """(B, T) True on real frames, from the samples' ``valid_mask``."""
        mask = torch.ones(batch, num_frames, dtype=torch.bool)
        for b, sample in enumerate(data_samples or []):
            if 'valid_mask' in sample:
                mask[b] = sample.valid_mask
        return mask.to(device)

    def forward(self,
                inputs: torch.Tensor,
                data_samples: Optional[List] = None,
                mode: str = 'tensor'):
        feats = self.extract_feat(inputs)
        batch, num_frames = feats.shape[:2]
        mask = self.valid_mask(data_samples, batch, num_frames, feats.device)
        if mode == 'tensor':
            return self.head(feats, mask)
        if mode == 'loss':
            return self.head.loss(feats, data_samples, valid_mask=mask)
        if mode == 'predict':
            return self.head.predict(feats, data_samples, valid_mask=mask)
        raise RuntimeError(f'invalid mode {mode!r}; use tensor, loss or '
                           'predict')
