"""Reading MMEngine's scalar logs (``<work_dir>/<timestamp>/vis_data/
scalars.json`` or the ``<timestamp>.json`` beside it: one JSON object per
line), plotting their curves and summarising the training time
(``tools/analysis_tools/analyze_logs.py``)."""
import glob
import json
import math
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np

from fga.visualization.palette import save_figure

__all__ = [
    'find_scalar_log', 'load_scalar_log', 'training_time', 'plot_curves'
]


def find_scalar_log(path: str) -> str:
    """``path`` itself if it is a file; for a work dir or a run's timestamp
    dir, its latest run's ``vis_data/scalars.json``."""
    if osp.isfile(path):
        return path
    if not osp.isdir(path):
        raise FileNotFoundError(f'{path}: no such log file or work dir')
    found = sorted(
        glob.glob(osp.join(path, 'vis_data', 'scalars.json')) +
        glob.glob(osp.join(path, '*', 'vis_data', 'scalars.json')))
    if not found:
        raise FileNotFoundError(f'{path}: no vis_data/scalars.json in it or '
                                'in its runs')
    return found[-1]


def load_scalar_log(path: str) -> Dict[str, List[dict]]:
    """``{'train': [...], 'val': [...]}`` records of a scalar log, in file
    order. Training records carry ``iter`` (and ``epoch`` for epoch-based
    loops); validation records only ``step`` (the epoch, or the iteration
    of iteration-based loops)."""
    train, val = [], []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f'{path}: line {number} is not JSON '
                                 f'({err.msg})') from None
            if not isinstance(record, dict) or 'step' not in record:
                raise ValueError(f'{path}: line {number} is not an MMEngine '
                                 'scalar record (an object with "step")')
            (train if 'iter' in record else val).append(record)
    if not train and not val:
        raise ValueError(f'{path}: no scalar records')
    return dict(train=train, val=val)


def training_time(log: Dict[str, List[dict]],
                  include_outliers: bool = False) -> dict:
    """Seconds per iteration, per epoch and overall, from the ``time`` of
    the training records. The first record of each epoch includes the
    data loader start-up and is left out unless ``include_outliers``.

    Returns:
        ``epochs`` (E,) epoch numbers, ``per_epoch`` (E,) mean seconds per
        iteration, ``mean`` over all kept records, ``slowest`` /
        ``fastest`` epoch, ``std`` of the per-epoch means.
    """
    times: Dict[int, List[float]] = {}
    for record in log['train']:
        if 'time' in record:
            times.setdefault(int(record.get('epoch', 1)),
                             []).append(float(record['time']))
    kept = {
        e: (t if include_outliers or len(t) == 1 else t[1:])
        for e, t in times.items()
    }
    if not kept:
        raise ValueError('the log has no training records with a "time"')
    epochs = np.array(sorted(kept))
    per_epoch = np.array([np.mean(kept[e]) for e in epochs])
    return dict(
        epochs=epochs,
        per_epoch=per_epoch,
        mean=float(np.mean(np.concatenate([kept[e] for e in epochs]))),
        slowest=int(epochs[per_epoch.argmax()]),
        fastest=int(epochs[per_epoch.argmin()]),
        std=float(per_epoch.std()))


def _curve(log: Dict[str, List[dict]], key: str):
    """(x, y) of ``key``: training iterations, or validation steps."""
    for split, x_key in (('train', 'step'), ('val', 'step')):
        points = [(r[x_key], r[key]) for r in log[split]
                  if key in r and isinstance(r[key], (int, float))]
        if points:
            x, y = zip(*points)
            return split, np.asarray(x), np.asarray(y, dtype=float)
    return None, None, None


def plot_curves(logs: Sequence[Dict[str, List[dict]]],
                names: Sequence[str],
                keys: Sequence[str],
                out_file: str,
                title: Optional[str] = None,
                legend: Optional[Sequence[str]] = None) -> List[str]:
    """One panel per key with every log's curve, saved as a PNG.

    Returns:
        the legend entries drawn (``<name>: <key>``).
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    if legend is not None and len(legend) != len(logs) * len(keys):
        raise ValueError(f'--legend needs {len(logs) * len(keys)} entries '
                         f'(logs x keys), got {len(legend)}')
    columns = min(len(keys), 2)
    rows = math.ceil(len(keys) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(6 * columns, 3.5 * rows),
                             squeeze=False)
    drawn = []
    for k, key in enumerate(keys):
        ax = axes.flat[k]
        for n, (log, name) in enumerate(zip(logs, names)):
            split, x, y = _curve(log, key)
            if split is None:
                raise ValueError(f'{name}: no scalar {key!r} (it has '
                                 f'{sorted(_keys(log))})')
            label = (legend[n * len(keys) + k]
                     if legend else f'{name}: {key}')
            ax.plot(x, y, marker='o' if split == 'val' else None,
                    markersize=3, linewidth=1, label=label)
            drawn.append(label)
            by_epoch = any('epoch' in r for r in log['train'])
            ax.set_xlabel('iteration' if split == 'train' or not by_epoch
                          else 'epoch')
        ax.set_title(key)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    for ax in axes.flat[len(keys):]:
        ax.axis('off')
    if title:
        fig.suptitle(title)
    save_figure(fig, out_file, dpi=100)
    return drawn


def _keys(log: Dict[str, List[dict]]) -> set:
    skip = {'step', 'iter', 'epoch'}
    return {k for split in log.values() for r in split for k in r} - skip
