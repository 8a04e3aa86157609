"""Pictures of recognition results: sampled frames of each video with its
true label and the top-5 predictions, and, for full-video recognition,
which frames fell into which cluster."""
from typing import Dict, Optional, Sequence

import numpy as np

from .palette import class_styles, save_figure

__all__ = ['input_frames', 'plot_recognition_samples']


def input_frames(inputs) -> np.ndarray:
    """A packed sample's input (views·T, 3, H, W) or (views, 3, T, H, W),
    a tensor before normalisation, as (T, H, W, 3) uint8 frames of its
    first view."""
    x = inputs.detach().cpu()
    if x.dim() == 5:  # (views, 3, T, H, W)
        x = x[0].permute(1, 0, 2, 3)
    frames = x.permute(0, 2, 3, 1).float()
    if frames.max() <= 1.0:
        frames = frames * 255
    return frames.clamp(0, 255).byte().numpy()


def _label(class_names: Optional[Sequence[str]], index: int) -> str:
    return class_names[index] if class_names else f'class {index}'


def plot_recognition_samples(samples: Sequence[Dict],
                             out_file: str,
                             class_names: Optional[Sequence[str]] = None,
                             max_frames: int = 8) -> str:
    """Draw one row per video into ``out_file`` (PNG, atomic).

    Args:
        samples: per video ``video`` (a name), ``frames`` (T, H, W, 3)
            uint8 RGB, ``gt_label`` (int or None), ``scores`` (C,) class
            probabilities, and optionally ``clusters`` (T,) the cluster
            index of every frame (full-video recognition: all frames are
            shown, a coloured bar under each names its cluster).
        class_names: optional names of the C classes.
        max_frames: frames shown per video (evenly spaced) without
            clusters.
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    columns = max(
        [len(s['frames']) if s.get('clusters') is not None else
         min(len(s['frames']), max_frames) for s in samples] + [1])
    fig, axes = plt.subplots(
        len(samples), columns + 1,
        figsize=(1.1 * columns + 3.2, 1.35 * len(samples) + 0.3),
        squeeze=False,
        gridspec_kw=dict(width_ratios=[1] * columns + [2.6]))
    for row, sample in enumerate(samples):
        frames = np.asarray(sample['frames'])
        clusters = sample.get('clusters')
        if clusters is None:
            shown = np.linspace(0, len(frames) - 1,
                                min(len(frames), max_frames)).round()
            shown = shown.astype(int)
        else:
            shown = np.arange(len(frames))
            styles = class_styles(int(np.max(clusters)) + 1)
        for col in range(columns):
            ax = axes[row, col]
            ax.axis('off')
            if col >= len(shown):
                continue
            ax.imshow(frames[shown[col]])
            if clusters is not None:
                ax.add_patch(plt.Rectangle(
                    (0, 1.0), 1, 0.12, transform=ax.transAxes,
                    color=styles[int(clusters[shown[col]])][0],
                    clip_on=False))
                ax.set_title(f'g{int(clusters[shown[col]])}', fontsize=6)
        scores = np.asarray(sample['scores'], dtype=np.float64)
        top = np.argsort(-scores, kind='stable')[:5]
        truth = sample.get('gt_label')
        lines = [f'{sample["video"]}',
                 'true: ' + ('?' if truth is None else
                             _label(class_names, int(truth)))]
        lines += [f'{"✓" if truth is not None and c == truth else " "} '
                  f'{scores[c]:.2f} {_label(class_names, int(c))}'
                  for c in top]
        text_ax = axes[row, columns]
        text_ax.axis('off')
        correct = truth is not None and len(top) and top[0] == truth
        text_ax.text(0, 0.5, '\n'.join(lines), fontsize=6.5, va='center',
                     family='monospace',
                     color='darkgreen' if correct else 'darkred')
    return save_figure(fig, out_file)
