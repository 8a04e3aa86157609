"""Per-frame feature maps reduced to a vector, projected and mixed over
time."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule

SPATIAL_MODES = ('flatten', 'soft_argmax')


def spatial_soft_argmax(x: torch.Tensor) -> torch.Tensor:
    """(N, C, h, w) -> (N, 3 * C): per channel the expected x and y (in
    [-1, 1], left/top to right/bottom cell centre) under the softmax of the
    map over its h * w cells, then the channel's maximum.

    Each channel becomes a keypoint (where its detector fires most) and a
    strength (whether it fires), so that downstream linear layers can
    compare positions (a racket left or right of its player, a bounce in
    one half of the court) wherever they occur in the frame.
    """
    n, c, h, w = x.shape
    weights = F.softmax(x.flatten(2), dim=-1).view(n, c, h, w)
    ys = torch.linspace(-1, 1, h, dtype=x.dtype, device=x.device)
    xs = torch.linspace(-1, 1, w, dtype=x.dtype, device=x.device)
    expected_x = (weights.sum(2) * xs).sum(-1)
    expected_y = (weights.sum(3) * ys).sum(-1)
    strength = x.flatten(2).amax(-1)
    return torch.cat([expected_x, expected_y, strength], dim=1)


@MODELS.register_module()
class TemporalConvNeck(BaseModule):
    """Reduce each frame's (C, h, w) map to a vector, project it, then add
    residual 1D temporal convolutions over the clip.

    Both reductions keep where things are in the frame: ``'flatten'``
    keeps every cell of the map (C * h * w values; position-specific
    weights follow), ``'soft_argmax'`` keeps one keypoint and strength per
    channel (3 * C values, see :func:`spatial_soft_argmax`). The temporal
    convolutions let a frame's feature see its neighbours (a swing a few
    frames before, a bounce a few frames after) before the sequence head.

    Args:
        in_channels: values per frame after the reduction (C * h * w for
            ``'flatten'``, 3 * C for ``'soft_argmax'``).
        out_channels: feature size per frame.
        kernel_size: of each temporal convolution (odd).
        num_layers: residual temporal convolutions (0: projection only).
        spatial: ``'flatten'`` or ``'soft_argmax'``.
        dropout: on the projected features during training.

    Shapes:
        forward: (B * T, C, h, w) -> (B, T, out_channels).
    """

    def __init__(self,
                 in_channels: int,
                 out_channels: int = 256,
                 kernel_size: int = 5,
                 num_layers: int = 1,
                 spatial: str = 'flatten',
                 dropout: float = 0.0,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if kernel_size % 2 != 1:
            raise ValueError(f'kernel_size must be odd, got {kernel_size}')
        if spatial not in SPATIAL_MODES:
            raise ValueError(f'spatial must be one of {SPATIAL_MODES}, got '
                             f'{spatial!r}')
        self.in_channels = in_channels
        self.spatial = spatial
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
        flat = x.flatten(1) if self.spatial == 'flatten' else \
            spatial_soft_argmax(x)
        if flat.shape[1] != self.in_channels:
            raise ValueError(f'TemporalConvNeck ({self.spatial}) expects '
                             f'{self.in_channels} values per frame, got '
                             f'{flat.shape[1]}')
        feats = self.dropout(F.gelu(self.proj(flat)))
        feats = feats.view(batch_size, num_frames, -1).transpose(1, 2)
        for conv in self.temporal:
            feats = feats + F.gelu(conv(feats))
        return feats.transpose(1, 2).contiguous()
