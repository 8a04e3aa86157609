"""Confusion matrices of recognition dumps and sequence predictions
(``tools/analysis_tools/confusion_matrix.py``)."""
from typing import List, Optional, Sequence, Tuple

import numpy as np

from fga.evaluation.functional.label_breakdown import confusion_matrix
from fga.visualization.palette import save_figure

__all__ = ['NONE_LABEL', 'prediction_confusion', 'select_classes',
           'plot_confusion']

# The row / column of sequence events with no counterpart in the
# alignment: missed true events (deletions) and extra predicted ones
# (insertions).
NONE_LABEL = '(none)'


def prediction_confusion(data: dict) -> Tuple[np.ndarray, List[str]]:
    """(K, K) counts (row = true, column = predicted) and their K names.

    Recognition: every sample's top-1 prediction. Sequences: the pairs of
    the edit-distance alignment, plus a ``(none)`` row and column counting
    insertions and deletions.

    Args:
        data: from :func:`fga.analysis.prediction_sources.load_predictions`.
    """
    names = list(data['classes'])
    if data['kind'] == 'recognition':
        return confusion_matrix(data['labels'], data['pred_labels'],
                                len(names)), names
    if data['kind'] != 'sequence':
        raise ValueError('a confusion matrix needs one predicted label per '
                         'true one (recognition dumps, sequence '
                         'predictions); per_class.py gives detection AP')
    aligned = data['aligned']
    none = len(names)
    true = np.concatenate([
        aligned.gt, aligned.deleted,
        np.full(len(aligned.inserted), none)
    ])
    pred = np.concatenate([
        aligned.pred,
        np.full(len(aligned.deleted), none), aligned.inserted
    ])
    return confusion_matrix(true, pred, none + 1), names + [NONE_LABEL]


def select_classes(matrix: np.ndarray, names: Sequence[str],
                   targets: Sequence[int]) -> Tuple[np.ndarray, List[str]]:
    """The sub-matrix of the ``targets`` class indices (MMAction2's
    ``--target-classes``)."""
    targets = list(targets)
    if len(targets) < 2:
        raise ValueError('--target-classes needs at least two classes')
    bad = [t for t in targets if not 0 <= t < len(names)]
    if bad:
        raise ValueError(f'--target-classes {bad} outside [0, {len(names)})')
    return matrix[np.ix_(targets, targets)], [names[t] for t in targets]


def plot_confusion(matrix: np.ndarray,
                   names: Sequence[str],
                   out_file: str,
                   normalize: bool = True,
                   include_values: bool = False,
                   cmap: str = 'viridis',
                   title: Optional[str] = None) -> None:
    """The matrix as a PNG, rows normalised to sum 1 when ``normalize``
    (the diagonal is then per-class recall), class names on both axes."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    counts = np.asarray(matrix, dtype=float)
    shown = counts
    if normalize:
        totals = counts.sum(axis=1, keepdims=True)
        shown = np.divide(counts, totals, out=np.zeros_like(counts),
                          where=totals > 0)
    size = max(6.0, 0.28 * len(names) + 3)
    fig, ax = plt.subplots(figsize=(size, size))
    image = ax.imshow(shown, cmap=cmap, vmin=0,
                      vmax=1 if normalize else None)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    ticks = np.arange(len(names))
    font = 8 if len(names) <= 30 else 6
    ax.set_xticks(ticks, labels=names, rotation=90, fontsize=font)
    ax.set_yticks(ticks, labels=names, fontsize=font)
    ax.set_xlabel('predicted')
    ax.set_ylabel('true')
    if include_values:
        for i, j in zip(*np.nonzero(counts)):
            text = (f'{shown[i, j]:.2f}'
                    if normalize else f'{int(counts[i, j])}')
            ax.text(j, i, text, ha='center', va='center', fontsize=font - 1,
                    color='white' if shown[i, j] < 0.5 * shown.max() else
                    'black')
    ax.set_title(title or ('confusion matrix (rows normalised)'
                           if normalize else 'confusion matrix'))
    save_figure(fig, out_file, dpi=100)
