"""Per-frame targets from a clip's events."""
from typing import Sequence

import torch

__all__ = ['frame_event_targets']

IGNORE_INDEX = -100


def frame_event_targets(data_samples: Sequence,
                        num_frames: int,
                        valid_mask: torch.Tensor,
                        dilation: int = 0) -> torch.Tensor:
    """(B, T) long targets: 0 background, ``label + 1`` on the sampled
    frame nearest to each event and ``dilation`` frames either side,
    ``-100`` (ignored) on padded frames.

    Args:
        data_samples: samples with ``event_positions`` (k,) in sampled
            frames and ``event_labels`` (k,) class indices.
        valid_mask: (B, T) True on real frames.
    """
    targets = torch.zeros(len(data_samples), num_frames, dtype=torch.long)
    for b, sample in enumerate(data_samples):
        for pos, label in zip(sample.event_positions.tolist(),
                              sample.event_labels.tolist()):
            t = int(round(pos))
            lo, hi = max(0, t - dilation), min(num_frames, t + dilation + 1)
            targets[b, lo:hi] = label + 1
    targets = targets.to(valid_mask.device)
    return targets.masked_fill(~valid_mask, IGNORE_INDEX)
