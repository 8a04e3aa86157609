"""Timeline pictures of true versus predicted label sequences."""
from typing import Optional, Sequence, Tuple

import numpy as np

from fga.utils.atomic_files import atomic_write

__all__ = ['plot_sequence_timelines']


def _colours(num_classes: int) -> np.ndarray:
    import matplotlib
    cmap = matplotlib.colormaps['tab20']
    return np.array([cmap(i % 20) for i in range(num_classes)])


def plot_sequence_timelines(videos: Sequence[Tuple[str, Optional[Sequence[
        int]], Sequence[int]]],
                            class_names: Sequence[str],
                            out_file: str,
                            title: Optional[str] = None) -> str:
    """Draw, per video, the ground-truth sequence above the prediction.

    Each label is a coloured box with its name; a predicted box is outlined
    in red where it differs from the ground truth at the same position.

    Args:
        videos: (video id, ground-truth class indices or None, predicted
            indices); without ground truth only the prediction is drawn.
        class_names: names of the C classes.
        out_file: PNG path (written whole or not at all).

    Returns:
        ``out_file``.
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    colours = _colours(len(class_names))
    width = max([len(g or []) for _, g, _ in videos] +
                [len(p) for _, _, p in videos] + [1])
    fig, axes = plt.subplots(
        len(videos), 1, figsize=(max(6, 1.3 * width), 1.5 * len(videos) + 0.6),
        squeeze=False)
    for ax, (video, gt, pred) in zip(axes[:, 0], videos):
        rows = [('true', gt), ('pred', pred)] if gt is not None else \
            [('pred', pred)]
        for row, (name, seq) in enumerate(rows):
            y = 1 - row
            for j, c in enumerate(seq):
                wrong = gt is not None and row == 1 and (j >= len(gt)
                                                         or gt[j] != c)
                ax.add_patch(
                    plt.Rectangle((j, y), 0.95, 0.8,
                                  facecolor=colours[c],
                                  edgecolor='red' if wrong else 'black',
                                  linewidth=2.5 if wrong else 0.5))
                ax.text(j + 0.47, y + 0.4, class_names[c].replace('_', '\n'),
                        ha='center', va='center', fontsize=6)
            ax.text(-0.1, y + 0.4, name, ha='right', va='center', fontsize=8)
        ax.set_xlim(-0.9, width)
        ax.set_ylim(-0.1, 1.9)
        ax.set_title(video, fontsize=9, loc='left')
        ax.axis('off')
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    with atomic_write(out_file, binary=True) as f:
        fig.savefig(f, dpi=100, format='png')
    plt.close(fig)
    return out_file
