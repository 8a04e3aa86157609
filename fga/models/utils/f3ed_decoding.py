"""F3ED decoding: per-frame localizer and element probabilities to events
with element vectors. Pure functions over numpy arrays or torch tensors
(both index the same way)."""
from typing import Sequence, Tuple, Union

import numpy as np
import torch
import torch.nn.functional as F

__all__ = [
    'temporal_nms', 'detect_events', 'resolve_elements', 'decode_f3ed_events'
]

Array = Union[np.ndarray, torch.Tensor]
GroupSpec = Sequence[Tuple[Sequence[int], Sequence[int]]]


def temporal_nms(background: torch.Tensor, window: int = 5) -> torch.Tensor:
    """Frames whose no-event probability is the minimum of the ``window``
    frames centred on them (clipped at the ends), as the reference
    compares them: ties all survive.

    Args:
        background: (..., T) no-event probabilities.

    Returns:
        (..., T) bool.
    """
    if window < 1 or window % 2 == 0:
        raise ValueError(f'window must be odd and >= 1, got {window}')
    lead = background.shape[:-1]
    flat = background.reshape(-1, 1, background.shape[-1])
    # -max_pool(-x) is the window minimum; +inf padding never wins.
    pooled = -F.max_pool1d(
        F.pad(-flat, (window // 2, window // 2), value=float('-inf')),
        window, stride=1)
    return (flat == pooled).reshape(*lead, -1)


def detect_events(probs: torch.Tensor, window: int = 5) -> torch.Tensor:
    """Event frames: kept by :func:`temporal_nms` and more likely an event
    than not (the reference's argmax over the suppressed scores).

    Args:
        probs: (..., T, 2) softmax of (no event, event).

    Returns:
        (..., T) bool.
    """
    kept = temporal_nms(probs[..., 0], window)
    return kept & (probs[..., 1] > probs[..., 0])


def resolve_elements(element_probs: np.ndarray,
                     groups: GroupSpec,
                     flags: Sequence[int],
                     flag_threshold: float = 0.5) -> np.ndarray:
    """Element vectors from per-frame element probabilities: flags above
    ``flag_threshold``, then each group's argmax in order; a group with
    ``unless`` elements is left empty where one of them was chosen (the
    reference decides tennis's hand and technique only off serves).

    Args:
        element_probs: (N, E).
        groups: ``(members, unless)`` index lists per group.
        flags: indices of the independent elements.

    Returns:
        (N, E) int64 multi-hot.
    """
    probs = np.asarray(element_probs)
    out = np.zeros(probs.shape, dtype=np.int64)
    rows = np.arange(probs.shape[0])
    flags = list(flags)
    if flags:
        out[:, flags] = probs[:, flags] > flag_threshold
    for members, unless in groups:
        members = np.asarray(members)
        choice = members[probs[:, members].argmax(axis=1)]
        decide = np.ones(len(rows), dtype=bool)
        if len(unless):
            decide = out[:, list(unless)].sum(axis=1) == 0
        out[rows[decide], choice[decide]] = 1
    return out


def decode_f3ed_events(event_probs: np.ndarray,
                       element_probs: np.ndarray,
                       groups: GroupSpec,
                       flags: Sequence[int],
                       window: int = 5,
                       flag_threshold: float = 0.5
                       ) -> Tuple[np.ndarray, np.ndarray]:
    """A video's events: :func:`detect_events` then
    :func:`resolve_elements` on the detected frames (zeros elsewhere).

    Args:
        event_probs: (N, 2) (no event, event).
        element_probs: (N, E).

    Returns:
        ``(flags (N,) bool, elements (N, E) int64)``.
    """
    detected = detect_events(torch.as_tensor(np.asarray(event_probs)),
                             window).numpy()
    elements = np.zeros(np.shape(element_probs), dtype=np.int64)
    elements[detected] = resolve_elements(
        np.asarray(element_probs)[detected], groups, flags, flag_threshold)
    return detected, elements
