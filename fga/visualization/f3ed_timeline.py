"""Pictures of F3ED's timestamped events: per video, the true events above
and the predicted ones below on the video's frame axis, each marked at its
frame and named by its elements; a prediction is green when the true event
with the same elements is within ``tolerance`` frames of it, red
otherwise."""
from typing import Sequence

import numpy as np

from .palette import new_figure, save_figure

__all__ = ['plot_f3ed_timelines']


def _matched(pred: Sequence[tuple], gt: Sequence[tuple],
             tolerance: int) -> np.ndarray:
    """(k,) bool: the prediction's label is a true label within
    ``tolerance`` frames."""
    return np.array([
        any(g_label == label and abs(g_frame - frame) <= tolerance
            for g_frame, g_label in gt) for frame, label, _ in pred
    ], dtype=bool)


def plot_f3ed_timelines(videos: Sequence[dict], out_file: str,
                        tolerance: int = 2) -> str:
    """Draw the videos into ``out_file`` (PNG, atomic).

    Args:
        videos: dicts with ``video``, ``num_frames``, ``gt_events``
            (``[(frame, label)]``) and ``pred_events``
            (``[(frame, label, score)]``), frames in raw video frames.
        tolerance: raw frames within which a prediction counts as found.

    Returns:
        ``out_file``.
    """
    fig, axes = new_figure(len(videos), 14, 2.4)
    for ax, video in zip(np.atleast_1d(axes), videos):
        gt, pred = video['gt_events'], video['pred_events']
        found = _matched(pred, gt, tolerance)
        for frame, label in gt:
            ax.plot([frame], [1], 'v', color='tab:blue')
            ax.text(frame, 1.12, label, rotation=35, fontsize=6,
                    ha='left', va='bottom')
        for (frame, label, score), ok in zip(pred, found):
            colour = 'tab:green' if ok else 'tab:red'
            ax.plot([frame], [0], '^', color=colour)
            ax.text(frame, -0.12, f'{label} ({score:.2f})', rotation=-35,
                    fontsize=6, ha='left', va='top', color=colour)
        ax.set_xlim(0, max(int(video['num_frames']), 1))
        ax.set_ylim(-1.4, 2.4)
        ax.set_yticks([0, 1])
        ax.set_yticklabels(['pred', 'truth'])
        ax.set_xlabel('frame')
        ax.set_title(f"{video['video']}: {int(found.sum())} of {len(pred)} "
                     f'predicted events found, {len(gt)} true events',
                     fontsize=8)
    fig.suptitle('F3ED events (green: same elements within '
                 f'{tolerance} frames, red: not)', fontsize=9)
    return save_figure(fig, out_file)
