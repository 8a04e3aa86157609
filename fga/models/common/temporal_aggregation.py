"""Temporal modules of IBM's 2D backbones (Chen et al., CVPR 2021): the
bLVNet-TAM temporal aggregation module and temporal pooling ("-tp").

Both take frames stacked as (N·T, C, H, W), T frames per video.
"""
import torch
import torch.nn.functional as F
from torch import nn

__all__ = ['BLVNetTAM', 'TemporalPooling', 'pooled_frames']


def _videos(x: torch.Tensor, num_segments: int) -> torch.Tensor:
    """(N·T, C, H, W) → (N, T, C, H, W), or an error when the frames do not
    split into videos of T."""
    if x.shape[0] % num_segments:
        raise ValueError(f'{x.shape[0]} frames are not a multiple of '
                         f'num_segments={num_segments}')
    return x.view((-1, num_segments) + x.shape[1:])


def pooled_frames(num_frames: int) -> int:
    """Frames left by :class:`TemporalPooling` (kernel 3, stride 2, pad 1):
    ``ceil(T / 2)``."""
    return (num_frames + 1) // 2


class BLVNetTAM(nn.Module):
    """Temporal Aggregation Module of bLVNet-TAM (Fan et al., NeurIPS 2019).

    ``r`` branches of 1×1 convolutions (per-channel scales when
    ``depthwise``, no bias); branch i sees the frame at offset
    ``i − ⌊r/2⌋`` (zeros beyond the video's ends). The branches are summed
    (or max-ed) and passed through a ReLU. With r = 3 and all weights 1,
    frames [0, 1, 2, 3] become [1, 3, 6, 5]. Costs ``r·C`` parameters.

    Not MMAction2's ``TAM`` (the Temporal *Adaptive* Module of TANet).

    Args:
        channels: C.
        num_segments: T, frames per video.
        blending_frames: r (odd).
        blending_method: ``'sum'`` or ``'max'``.
        depthwise: per-channel scales; ``False`` gives full 1×1 convs
            (IBM's ``--no_dw_conv``, "-allc").
    """

    def __init__(self,
                 channels: int,
                 num_segments: int,
                 blending_frames: int = 3,
                 blending_method: str = 'sum',
                 depthwise: bool = True) -> None:
        super().__init__()
        if blending_frames < 1 or blending_frames % 2 != 1:
            raise ValueError('blending_frames must be a positive odd number, '
                             f'got {blending_frames}')
        if blending_method not in ('sum', 'max'):
            raise ValueError("blending_method must be 'sum' or 'max', got "
                             f'{blending_method!r}')
        self.num_segments = num_segments
        self.blending_method = blending_method
        self.branches = nn.ModuleList(
            nn.Conv2d(
                channels,
                channels,
                1,
                groups=channels if depthwise else 1,
                bias=False) for _ in range(blending_frames))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N·T, C, H, W) → (N·T, C, H, W)."""
        frames = self.num_segments
        half = len(self.branches) // 2
        shifted = []
        for i, branch in enumerate(self.branches):
            y = _videos(branch(x), frames)
            offset = i - half
            # Frame t takes y[t + offset]; padding the time axis with
            # |offset| zeros on the far side keeps T frames.
            if offset < 0:
                y = F.pad(y, (0, 0, 0, 0, 0, 0, -offset, 0))[:, :frames]
            elif offset > 0:
                y = F.pad(y, (0, 0, 0, 0, 0, 0, 0, offset))[:, offset:]
            shifted.append(y)
        stacked = torch.stack(shifted)
        out = (
            stacked.sum(0)
            if self.blending_method == 'sum' else stacked.max(0).values)
        return F.relu(out).flatten(0, 1)


class TemporalPooling(nn.Module):
    """Max or average pooling over time (kernel 3, stride 2, padding 1) of
    frames stacked as (N·T, C, H, W); T becomes ``ceil(T / 2)``.

    Args:
        num_segments: T, frames per video at the input.
        mode: ``'max'`` (IBM's default) or ``'avg'`` (padding counted, as
            ``nn.AvgPool3d``).
    """

    def __init__(self, num_segments: int, mode: str = 'max') -> None:
        super().__init__()
        if mode not in ('max', 'avg'):
            raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}")
        self.num_segments = num_segments
        pool = nn.MaxPool3d if mode == 'max' else nn.AvgPool3d
        self.pool = pool((3, 1, 1), stride=(2, 1, 1), padding=(1, 0, 0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N·T, C, H, W) → (N·ceil(T/2), C, H, W)."""
        video = _videos(x, self.num_segments).transpose(1, 2)
        return self.pool(video).transpose(1, 2).flatten(0, 1)
