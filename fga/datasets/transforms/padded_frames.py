"""Stacking decoded frames with zero padding for out-of-video indices."""
from typing import Dict, List, Sequence, Tuple

import numpy as np


def stack_with_padding(frames: Dict[int, np.ndarray],
                       frame_inds: Sequence[int],
                       shape: Tuple[int, int, int]) -> Tuple[List[np.ndarray],
                                                             np.ndarray]:
    """Frames in ``frame_inds`` order; indices absent from ``frames`` become
    zeros of ``shape`` (H, W, C).

    Returns:
        (list of (H, W, C) uint8 frames, (T,) bool validity).
    """
    zeros = np.zeros(shape, dtype=np.uint8)
    imgs, valid = [], np.zeros(len(frame_inds), dtype=bool)
    for i, ind in enumerate(frame_inds):
        frame = frames.get(int(ind))
        valid[i] = frame is not None
        imgs.append(zeros if frame is None else frame)
    return imgs, valid
