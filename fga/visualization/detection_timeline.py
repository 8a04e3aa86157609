"""Pictures of temporal action detections (ActionFormer, HAAN).

Per video, a time axis in seconds: the ground-truth segments on the top
lane, the ``top_k`` highest-scoring detections on the lanes below (one per
rank), coloured by class with the score as opacity. A detection that
matches a ground-truth segment of its class at tIoU ≥ ``tiou`` (greedy by
score, each segment matched once, as in detection AP) is drawn with a
solid outline and joined to its segment; unmatched ones are dashed. With a
class activation sequence (HAAN), a panel below plots it for the classes
present in the video.
"""
from typing import Dict, List, Optional, Sequence

import numpy as np

from fga.utils.segments import segment_iou
from .palette import class_styles, save_figure

__all__ = ['match_detections', 'plot_detection_timelines']


def match_detections(pred_segments: np.ndarray, pred_labels: np.ndarray,
                     gt_segments: np.ndarray, gt_labels: np.ndarray,
                     tiou: float = 0.5) -> np.ndarray:
    """Index of the ground-truth segment each detection (in the given,
    score-sorted order) matches, or -1: a detection takes the unmatched
    segment of its class with the highest tIoU ≥ ``tiou``.

    Args:
        pred_segments: (K, 2); pred_labels: (K,).
        gt_segments: (N, 2); gt_labels: (N,).

    Returns:
        (K,) int64.
    """
    pred_segments = np.asarray(pred_segments, np.float64).reshape(-1, 2)
    gt_segments = np.asarray(gt_segments, np.float64).reshape(-1, 2)
    matched = np.full(len(pred_segments), -1, dtype=np.int64)
    if not len(gt_segments):
        return matched
    ious = segment_iou(pred_segments[:, None], gt_segments[None])
    taken = np.zeros(len(gt_segments), dtype=bool)
    for k in range(len(pred_segments)):
        candidates = np.where((np.asarray(gt_labels) == pred_labels[k]) &
                              ~taken & (ious[k] >= tiou), ious[k], -1)
        best = int(candidates.argmax())
        if candidates[best] >= tiou:
            matched[k] = best
            taken[best] = True
    return matched


def _segment(ax, start, end, lane, style, alpha, dashed=False):
    import matplotlib.pyplot as plt
    colour, hatch = style
    ax.add_patch(
        plt.Rectangle((start, lane + 0.1), max(end - start, 1e-3), 0.8,
                      facecolor=colour, hatch=hatch, alpha=alpha,
                      edgecolor='black', linewidth=0.8,
                      linestyle='--' if dashed else '-'))


def _draw_video(ax, video: Dict, class_names, styles, top_k, tiou) -> None:
    gt_segments = np.asarray(video['gt_segments']).reshape(-1, 2)
    gt_labels = np.asarray(video['gt_labels'], dtype=np.int64)
    order = np.argsort(-np.asarray(video['pred_scores']),
                       kind='stable')[:top_k]
    segments = np.asarray(video['pred_segments']).reshape(-1, 2)[order]
    labels = np.asarray(video['pred_labels'], dtype=np.int64)[order]
    scores = np.asarray(video['pred_scores'], dtype=np.float64)[order]
    matched = match_detections(segments, labels, gt_segments, gt_labels,
                               tiou)
    lanes = len(segments) + 1
    top = lanes - 1
    for (s, e), c in zip(gt_segments, gt_labels):
        _segment(ax, s, e, top, styles[c], 1.0)
    for rank, ((s, e), c, p, m) in enumerate(
            zip(segments, labels, scores, matched)):
        lane = top - 1 - rank
        _segment(ax, s, e, lane, styles[c], 0.25 + 0.75 * min(max(p, 0), 1),
                 dashed=m < 0)
        ax.text(e, lane + 0.5, f' {class_names[c]} {p:.2f}', fontsize=5,
                va='center')
        if m >= 0:
            gs, ge = gt_segments[m]
            ax.plot([(s + e) / 2, (gs + ge) / 2], [lane + 0.9, top + 0.1],
                    color='green', linewidth=0.8)
    ax.set_yticks([top + 0.5, max(top - 0.5, 0.5)])
    ax.set_yticklabels(['true', f'top {len(segments)}'], fontsize=7)
    duration = float(video.get('duration') or max(
        [1.0] + list(gt_segments.ravel()) + list(segments.ravel())))
    ax.set_xlim(0, duration)
    ax.set_ylim(0, lanes)
    ax.tick_params(labelsize=6)
    found = int((matched >= 0).sum())
    if len(gt_labels):
        summary = (f'{found} of {len(gt_labels)} true segments found at '
                   f'tIoU {tiou} among the top {len(segments)}')
    else:
        summary = f'top {len(segments)} detections (no ground truth)'
    ax.set_title(f'{video["video"]}   {summary}', fontsize=8, loc='left')


def _draw_cas(ax, video: Dict, class_names, styles) -> None:
    cas = np.asarray(video['cas'], dtype=np.float64)
    seconds = np.arange(len(cas)) / float(video.get('sec2clip', 1.0))
    classes = video.get('cas_classes', range(cas.shape[1]))
    for column, c in enumerate(classes):
        ax.plot(seconds, cas[:, column], color=styles[c][0], linewidth=1.0,
                label=class_names[c])
    ax.set_xlim(0, float(video.get('duration') or seconds[-1] + 1))
    ax.set_ylabel('CAS', fontsize=7)
    ax.set_xlabel('seconds', fontsize=7)
    ax.tick_params(labelsize=6)
    ax.legend(fontsize=5, loc='upper right', ncol=min(len(classes), 4))


def plot_detection_timelines(videos: Sequence[Dict],
                             class_names: Sequence[str],
                             out_file: str,
                             top_k: int = 10,
                             tiou: float = 0.5,
                             title: Optional[str] = None) -> str:
    """Draw detection timelines into ``out_file`` (PNG, atomic).

    Args:
        videos: per video ``video``, ``duration`` (s), ``gt_segments``
            (N, 2) s, ``gt_labels``, ``pred_segments`` (K, 2) s,
            ``pred_scores``, ``pred_labels`` and optionally ``cas`` (T, K)
            class activation curves of the classes ``cas_classes`` (K,),
            with ``sec2clip`` (clips per second).
        class_names: names of the C classes.
    """
    styles = class_styles(len(class_names))
    heights: List[float] = []
    for video in videos:
        heights.append(min(top_k, len(video['pred_scores'])) + 1)
        if video.get('cas') is not None:
            heights.append(4)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(
        max(len(heights), 1), 1,
        figsize=(10, 0.22 * sum(heights) + 0.9 * len(heights) + 0.4),
        gridspec_kw=dict(height_ratios=heights or [1]), squeeze=False)
    axes = axes[:, 0]
    row = 0
    for video in videos:
        _draw_video(axes[row], video, class_names, styles, top_k, tiou)
        row += 1
        if video.get('cas') is not None:
            _draw_cas(axes[row], video, class_names, styles)
            row += 1
    if title:
        fig.suptitle(title, fontsize=10)
    return save_figure(fig, out_file)
