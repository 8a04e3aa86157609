"""Masks of valid time steps.

One convention throughout fga's models: a ``valid_mask`` is a bool tensor
(B, T), True on real steps (frames, clips, feature steps) and False on
padding.
"""
from typing import Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

__all__ = [
    'pad_sequences', 'downsample_mask', 'never_empty', 'drop_random_steps'
]


def pad_sequences(
        sequences: Sequence[torch.Tensor],
        length: Optional[int] = None,
        multiple: int = 1) -> Tuple[torch.Tensor, torch.Tensor]:
    """Right-pad (T_i, C) sequences with zeros into one batch.

    Args:
        sequences: B tensors (T_i, C) of one dtype and device.
        length: padded length (≥ every T_i); default the longest T_i
            rounded up to ``multiple``.
        multiple: see ``length``.

    Returns:
        (B, T, C) features and their (B, T) valid mask.
    """
    lengths = [len(x) for x in sequences]
    if length is None:
        length = -(-max(max(lengths), 1) // multiple) * multiple
    elif max(lengths) > length:
        raise ValueError(f'a sequence has {max(lengths)} steps, more than '
                         f'the padded length {length}')
    first = sequences[0]
    feats = first.new_zeros((len(sequences), length) + first.shape[1:])
    for b, x in enumerate(sequences):
        feats[b, :len(x)] = x
    steps = torch.arange(length, device=first.device)
    valid = steps[None] < torch.tensor(lengths, device=first.device)[:, None]
    return feats, valid


def downsample_mask(valid_mask: torch.Tensor, length: int) -> torch.Tensor:
    """Nearest-neighbour downsampling of a (B, T) mask to ``length`` steps
    (element ``i·T/length``), as ``F.interpolate(mode='nearest')``."""
    if valid_mask.shape[-1] == length:
        return valid_mask
    return F.interpolate(
        valid_mask[:, None].float(), size=length, mode='nearest')[:, 0].bool()


def never_empty(valid_mask: torch.Tensor) -> torch.Tensor:
    """Attention over a sample without any valid step is undefined (NaN);
    such a sample attends to all its (padding) steps instead."""
    empty = ~valid_mask.any(dim=1)
    if empty.any():
        valid_mask = valid_mask.clone()
        valid_mask[empty] = True
    return valid_mask


def drop_random_steps(valid_mask: torch.Tensor,
                      ratio: float) -> torch.Tensor:
    """Hide ``floor(ratio · #valid)`` more random steps per sample (F3AST's
    training-time frame masking)."""
    if ratio <= 0:
        return valid_mask
    mask = valid_mask.clone()
    for b in range(mask.shape[0]):
        visible = mask[b].nonzero(as_tuple=True)[0]
        count = int(ratio * len(visible))
        chosen = visible[torch.randperm(len(visible),
                                        device=mask.device)[:count]]
        mask[b, chosen] = False
    return mask
