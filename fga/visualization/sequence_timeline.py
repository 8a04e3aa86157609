"""Pictures of predicted versus true label sequences (F3AST, spotting).

Each video gets two rows of boxes laid out along the edit-distance
alignment of prediction and ground truth, so one missed event shows as one
gap instead of shifting every later box: matches share a column, a
substitution is outlined in orange, an insertion (an extra predicted
event) has an empty slot above it and a deletion (a missed event) an
empty dashed slot below. Every class has its own colour (and hatching past
60 classes). Where event frames are known, a strip below places the true
and predicted events on the video's frame axis. The title gives the
video's edit score.
"""
from typing import List, Optional, Sequence

import numpy as np

from fga.evaluation.functional.alignment import align_sequences
from fga.evaluation.functional.sequence_metrics import edit_scores
from .palette import class_styles, save_figure

__all__ = ['SequenceVideo', 'plot_sequence_timelines', 'select_videos']


class SequenceVideo(dict):
    """What is drawn of one video: ``video`` (id), ``gt`` (true class
    indices or None), ``pred`` (predicted indices), and optionally
    timestamped events for the frame strip: ``gt_frames`` with
    ``gt_frame_labels`` and ``pred_frames`` with ``pred_frame_labels``
    (default: ``gt`` / ``pred`` themselves), and ``num_frames``."""


def select_videos(videos: Sequence[dict],
                  count: int,
                  order: str = 'first') -> List[dict]:
    """``count`` videos: the first ones by id (``'first'``) or those with
    the lowest edit score (``'worst'``; ties by id)."""
    if order not in ('first', 'worst'):
        raise ValueError(f"order must be 'first' or 'worst', got {order!r}")
    ordered = sorted(videos, key=lambda v: v['video'])
    if order == 'worst':
        scored = [v for v in ordered if v.get('gt') is not None]
        scores = edit_scores([v['pred'] for v in scored],
                             [v['gt'] for v in scored])
        ordered = [scored[i] for i in np.argsort(scores, kind='stable')]
    return ordered[:count]


def _wrap(name: str, width: int = 11) -> str:
    """A class name on at most three short lines (``_`` read as spaces)."""
    import textwrap
    lines = textwrap.wrap(name.replace('_', ' '), width) or ['']
    return '\n'.join(lines[:3])


def _box(ax, x, y, style, name, outline='black', dashed=False, alpha=1.0):
    import matplotlib.pyplot as plt
    colour, hatch = style
    ax.add_patch(
        plt.Rectangle((x, y), 0.92, 0.8, facecolor=colour, hatch=hatch,
                      edgecolor=outline, alpha=alpha,
                      linewidth=2.2 if outline != 'black' else 0.5,
                      linestyle='--' if dashed else '-'))
    ax.text(x + 0.46, y + 0.4, _wrap(name), ha='center', va='center',
            fontsize=5.5)


def _empty_slot(ax, x, y, text):
    import matplotlib.pyplot as plt
    ax.add_patch(
        plt.Rectangle((x, y), 0.92, 0.8, facecolor='none', edgecolor='grey',
                      linestyle='--', linewidth=1.0))
    ax.text(x + 0.46, y + 0.4, text, ha='center', va='center', fontsize=6,
            color='grey')


def _draw_aligned(ax, video: dict, class_names, styles,
                  columns: int) -> None:
    gt, pred = video.get('gt'), list(video['pred'])
    if gt is None:
        for j, c in enumerate(pred):
            _box(ax, j, 0, styles[c], class_names[c])
        ax.text(-0.1, 0.4, 'pred', ha='right', va='center', fontsize=8)
        ax.set_xlim(-0.9, columns + 0.1)
        ax.set_ylim(-0.1, 0.9)
        return
    gt = list(gt)
    steps = align_sequences(pred, gt)
    for x, step in enumerate(steps):
        if step.gt is None:
            _empty_slot(ax, x, 1, '')
        else:
            c = gt[step.gt]
            _box(ax, x, 1, styles[c], class_names[c])
        if step.pred is None:
            _empty_slot(ax, x, 0, 'missed')
            continue
        c = pred[step.pred]
        outline = {'match': 'black', 'substitution': 'darkorange',
                   'insertion': 'red'}[step.op]
        _box(ax, x, 0, styles[c], class_names[c], outline=outline,
             dashed=step.op == 'insertion')
    for y, name in ((1, 'true'), (0, 'pred')):
        ax.text(-0.1, y + 0.4, name, ha='right', va='center', fontsize=8)
    ax.set_xlim(-0.9, columns + 0.1)
    ax.set_ylim(-0.1, 1.9)


def _draw_frames(ax, video: dict, styles) -> None:
    """True events above, predicted below, on the frame axis."""
    rows = [('true', video.get('gt_frame_labels', video.get('gt')),
             video.get('gt_frames'), 1.0),
            ('pred', video.get('pred_frame_labels', video['pred']),
             video.get('pred_frames'), 0.0)]
    for name, labels, frames, y in rows:
        if labels is None or frames is None:
            continue
        for c, f in zip(labels, frames):
            colour, _ = styles[c]
            ax.vlines(f, y, y + 0.8, color=colour, linewidth=2.5)
        ax.text(-0.01, y + 0.4, name, ha='right', va='center', fontsize=7,
                transform=ax.get_yaxis_transform())
    ax.set_xlim(0, video.get('num_frames') or 1)
    ax.set_ylim(-0.1, 1.9)
    ax.set_yticks([])
    ax.set_xlabel('frame', fontsize=7)
    ax.tick_params(labelsize=6)


def plot_sequence_timelines(videos: Sequence[dict],
                            class_names: Sequence[str],
                            out_file: str,
                            title: Optional[str] = None) -> str:
    """Draw the videos (see :class:`SequenceVideo`) into ``out_file``
    (PNG, written whole or not at all); returns ``out_file``."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    styles = class_styles(len(class_names))
    with_frames = [
        v.get('gt_frames') is not None or v.get('pred_frames') is not None
        for v in videos
    ]
    columns = max([
        len(v['pred']) if v.get('gt') is None else len(
            align_sequences(v['pred'], v['gt'])) for v in videos
    ] + [4])
    heights = []
    for frames in with_frames:
        heights += [1.5, 0.8] if frames else [1.5]
    fig, axes = plt.subplots(
        max(len(heights), 1), 1,
        figsize=(min(max(6, 0.9 * columns + 1), 40), sum(heights) + 0.4),
        gridspec_kw=dict(height_ratios=heights or [1]), squeeze=False)
    axes = axes[:, 0]
    row = 0
    for video, frames in zip(videos, with_frames):
        ax = axes[row]
        _draw_aligned(ax, video, class_names, styles, columns)
        heading = video['video']
        if video.get('gt') is not None:
            score = edit_scores([video['pred']], [video['gt']])[0]
            heading += f'   edit {score:.1f}'
        ax.set_title(heading, fontsize=9, loc='left')
        ax.axis('off')
        row += 1
        if frames:
            _draw_frames(axes[row], video, styles)
            row += 1
    fig.text(0.01, 0.998, 'orange outline: substituted   red dashed: extra '
             '(inserted)   dashed slot: missed (deleted)', fontsize=6,
             va='top', color='dimgrey')
    if title:
        fig.suptitle(title, fontsize=10)
    return save_figure(fig, out_file)
