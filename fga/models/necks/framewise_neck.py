"""Turn any MMAction2 backbone's output into one feature per input frame."""
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class FramewiseNeck(BaseModule):
    """Spatial pooling, then temporal upsampling to the input length.

    Accepts a 2D backbone's (B*T, C, h, w) output (frames folded into the
    batch, as TSN/TSM run) or a 3D backbone's (B, C, t, h, w) output, whose
    ``t`` <= T steps are linearly interpolated to T.

    Args:
        spatial: ``'avg'`` averages the h x w map (C per frame); ``'flatten'``
            keeps it (C * h * w per frame), for inputs where absolute
            position matters and the final map is small.
        align_corners: of the temporal interpolation.

    Returns:
        (B, T, C) or (B, T, C * h * w) features.
    """

    def __init__(self, spatial: str = 'avg',
                 align_corners: bool = False) -> None:
        super().__init__()
        if spatial not in ('avg', 'flatten'):
            raise ValueError("spatial must be 'avg' or 'flatten'")
        self.spatial = spatial
        self.align_corners = align_corners

    def _pool(self, x: torch.Tensor) -> torch.Tensor:
        """(..., C, h, w) -> (..., C) or (..., C * h * w)."""
        if self.spatial == 'avg':
            return x.mean(dim=(-2, -1))
        return x.flatten(-3)

    def forward(self, x: torch.Tensor, batch_size: int,
                num_frames: int) -> torch.Tensor:
        if x.dim() == 4:
            if x.shape[0] != batch_size * num_frames:
                raise ValueError(f'2D features of batch {x.shape[0]} do not '
                                 f'fold into {batch_size} x {num_frames}')
            return self._pool(x).view(batch_size, num_frames, -1)
        if x.dim() != 5:
            raise ValueError(f'expected 4D or 5D features, got {x.shape}')
        x = self._pool(x.transpose(1, 2)).transpose(1, 2)
        if x.shape[2] != num_frames:
            x = F.interpolate(
                x, size=num_frames, mode='linear',
                align_corners=self.align_corners)
        return x.transpose(1, 2).contiguous()
