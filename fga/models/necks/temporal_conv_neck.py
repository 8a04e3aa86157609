"""Per-frame feature maps flattened, projected and mixed over time."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class TemporalConvNeck(BaseModule):
    """Flatten each frame's (C, h, w) map, project it, then add residual 1D
    temporal convolutions over the clip.

    Flattening (rather than pooling) keeps the absolute position of every
    cell of the map in the feature; the temporal convolutions let a frame's
    feature see its neighbours (a swing a few frames before, a bounce a
    few frames after) before the sequence head.

    Args:
        in_channels: C * h * w of a 2D backbone's per-frame output.
        out_channels: feature size per frame.
        kernel_size: of each temporal convolution (odd).
        num_layers: residual temporal convolutions (0: projection only).
        dropout: on the projected features during training.

    Shapes:
        forward: (B * T, C, h, w) -> (B, T, out_channels).
    """

    def __init__(self,
                 in_channels: int,
                 out_channels: int = 256,
                 kernel_size: int = 5,
                 num_layers: int = 1,
                 dropout: float = 0.0,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if kernel_size % 2 != 1:
            raise ValueError(f'kernel_size must be odd, got {kernel_size}')
        self.in_channels = in_channels
        self.proj = nn.Linear(in_channels, out_channels)
        self.dropout = nn.Dropout(dropout)
        self.temporal = nn.ModuleList(
            nn.Conv1d(out_channels, out_channels, kernel_size,
                      padding=kernel_size // 2) for _ in range(num_layers))

    def forward(self, x: torch.Tensor, batch_size: int,
                num_frames: int) -> torch.Tensor:
        if x.dim() != 4 or x.shape[0] != batch_size * num_frames:
            raise ValueError(f'TemporalConvNeck takes (B*T, C, h, w) maps of '
                             f'{batch_size} x {num_frames} frames, got '
                             f'{tuple(x.shape)}')
        flat = x.flatten(1)
        if flat.shape[1] != self.in_channels:
            raise ValueError(f'TemporalConvNeck expects {self.in_channels} '
                             f'values per frame (C * h * w), got '
                             f'{flat.shape[1]}')
        feats = self.dropout(F.gelu(self.proj(flat)))
        feats = feats.view(batch_size, num_frames, -1).transpose(1, 2)
        for conv in self.temporal:
            feats = feats + F.gelu(conv(feats))
        return feats.transpose(1, 2).contiguous()
