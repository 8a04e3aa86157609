"""Per-class results of a prediction file, as a table and a bar plot
(``tools/analysis_tools/per_class.py``): detection AP per class,
recognition and sequence accuracy per class, and for compositional class
names accuracy per attribute and attribute value (over the edit-distance
alignment, :mod:`fga.evaluation.functional.label_breakdown`)."""
import math
from typing import List, Optional, Sequence, Union

import numpy as np

from fga.evaluation.functional.detection_map import detection_map
from fga.evaluation.functional.label_breakdown import (
    aligned_labels, attribute_accuracy, attribute_value_accuracy,
    per_class_accuracy, split_attributes)
from fga.visualization.palette import save_figure

__all__ = ['per_class_results', 'format_results', 'plot_results']


def _detection(data: dict, tiou_thresholds: Sequence[float]) -> dict:
    out = detection_map(data['ground_truth'], data['predictions'],
                        tiou_thresholds)
    names = list(data['classes'])
    counts = np.bincount(data['ground_truth']['labels'],
                         minlength=len(names))
    ap = np.asarray(out['ap'])  # (K, C), over out['classes']
    columns = {f'AP@{t:g}': ap[k] for k, t in enumerate(tiou_thresholds)}
    rows = []
    for c, code in enumerate(out['classes']):
        rows.append(
            dict(name=names[int(code)], value=float(ap[:, c].mean()),
                 count=int(counts[int(code)]),
                 **{k: float(v[c]) for k, v in columns.items()}))
    return dict(kind='detection', metric='average AP', count_name='segments',
                rows=rows, summary=dict(mAP=float(out['mAP'])))


def _recognition(data: dict) -> dict:
    names = list(data['classes'])
    labels, pred = data['labels'], data['pred_labels']
    counts = np.bincount(labels, minlength=len(names))
    right = np.bincount(labels[pred == labels], minlength=len(names))
    rows = [
        dict(name=n, value=float(right[c] / counts[c]) if counts[c] else
             float('nan'), count=int(counts[c])) for c, n in enumerate(names)
    ]
    return dict(kind='recognition', metric='top-1 accuracy',
                count_name='samples', rows=rows,
                summary=dict(top1_accuracy=float((pred == labels).mean()),
                             mean_class_accuracy=float(
                                 np.nanmean([r['value'] for r in rows]))))


def _sequence(data: dict, attributes, separator: str) -> dict:
    names = list(data['classes'])
    aligned = data.get('aligned') or aligned_labels(data['preds'],
                                                    data['gts'])
    stats = per_class_accuracy(aligned, len(names))
    rows = [
        dict(name=n, value=float(stats['accuracy'][c]),
             count=int(stats['aligned'][c]),
             missed=int(stats['deleted'][c])) for c, n in enumerate(names)
    ]
    result = dict(
        kind='sequence', metric='aligned accuracy', count_name='aligned',
        rows=rows,
        summary=dict(aligned_accuracy=float(
            (aligned.pred == aligned.gt).mean()) if len(aligned.gt) else
                     float('nan'),
                     aligned=int(len(aligned.gt)),
                     missed=int(len(aligned.deleted)),
                     extra=int(len(aligned.inserted))))
    if attributes:
        attribute_names, values = split_attributes(
            names, None if attributes is True else attributes, separator)
        result['attributes'] = attribute_accuracy(aligned, values,
                                                  attribute_names)
        result['attribute_values'] = {
            name: {v: dict(accuracy=a, count=n)
                   for v, (a, n) in per_value.items()}
            for name, per_value in attribute_value_accuracy(
                aligned, values, attribute_names).items()
        }
    return result


def per_class_results(data: dict,
                      attributes: Union[bool, Sequence[str], None] = None,
                      separator: str = '_',
                      tiou_thresholds: Sequence[float] = (0.3, 0.4, 0.5,
                                                          0.6, 0.7)
                      ) -> dict:
    """Per-class results of ``data``
    (:func:`fga.analysis.prediction_sources.load_predictions`).

    Args:
        attributes: sequences only: names of the attributes the class
            names compose, or True to name them by position.
        separator: separator of the attributes in a class name.
        tiou_thresholds: detection only.

    Returns:
        ``kind``, ``metric`` (what ``value`` is), ``count_name``, ``rows``
        (per class ``name``, ``value``, ``count`` and per kind more
        columns), ``summary``; sequences with ``attributes`` also
        ``attributes`` (name → accuracy) and ``attribute_values`` (name →
        value → accuracy and count).
    """
    if attributes and data['kind'] != 'sequence':
        raise ValueError('attributes apply to sequence predictions only')
    if data['kind'] == 'detection':
        return _detection(data, tiou_thresholds)
    if data['kind'] == 'recognition':
        return _recognition(data)
    return _sequence(data, attributes, separator)


def _number(value) -> str:
    if isinstance(value, float):
        return '-' if math.isnan(value) else f'{value:.4f}'
    return str(value)


def _table(header: List[str], rows: List[List]) -> List[str]:
    cells = [header] + [[_number(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        '| ' + ' | '.join(c.ljust(w) for c, w in zip(row, widths)) + ' |'
        for row in cells
    ]
    lines.insert(1, '|' + '|'.join('-' * (w + 2) for w in widths) + '|')
    return lines


def format_results(result: dict) -> str:
    """Markdown tables: per class, then per attribute and value."""
    extra = [
        k for k in result['rows'][0]
        if k not in ('name', 'value', 'count')
    ] if result['rows'] else []
    lines = _table(['class', result['metric'], result['count_name']] + extra,
                   [[r['name'], r['value'], r['count']] +
                    [r[k] for k in extra] for r in result['rows']])
    lines.append('')
    lines += [f'{k}: {_number(v)}' for k, v in result['summary'].items()]
    if 'attributes' in result:
        lines += [''] + _table(
            ['attribute', 'accuracy'],
            [[k, v] for k, v in result['attributes'].items()])
        rows = [[name, value, d['accuracy'], d['count']]
                for name, per_value in result['attribute_values'].items()
                for value, d in per_value.items()]
        lines += [''] + _table(['attribute', 'true value', 'accuracy',
                                'aligned'], rows)
    return '\n'.join(lines)


def plot_results(result: dict, out_file: str,
                 title: Optional[str] = None) -> None:
    """Bars per class (and per attribute, and per attribute value), as a
    PNG; classes with nothing to score are drawn empty and marked ``-``."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    panels = [(result['metric'] + ' per class',
               [r['name'] for r in result['rows']],
               [r['value'] for r in result['rows']])]
    if 'attributes' in result:
        panels.append(('accuracy per attribute', list(result['attributes']),
                       list(result['attributes'].values())))
        panels.append(('accuracy per attribute value', [
            f'{name}={value}'
            for name, per_value in result['attribute_values'].items()
            for value in per_value
        ], [
            d['accuracy'] for per_value in result['attribute_values'].values()
            for d in per_value.values()
        ]))
    widths = [max(4.0, 0.22 * len(labels) + 1.5) for _, labels, _ in panels]
    fig, axes = plt.subplots(1, len(panels), figsize=(sum(widths), 5),
                             gridspec_kw=dict(width_ratios=widths),
                             squeeze=False)
    colours = plt.get_cmap('tab10')
    for k, (ax, (name, labels, values)) in enumerate(zip(axes[0], panels)):
        heights = np.nan_to_num(np.asarray(values, dtype=float))
        ax.bar(np.arange(len(labels)), heights, color=colours(k))
        for x, v in enumerate(values):
            if v is None or math.isnan(v):
                ax.text(x, 0.02, '-', ha='center', fontsize=7)
        ax.set_xticks(np.arange(len(labels)), labels=labels, rotation=90,
                      fontsize=7 if len(labels) > 20 else 8)
        ax.set_ylim(0, 1)
        ax.set_title(name, fontsize=10)
        ax.grid(axis='y', alpha=0.3)
    if title:
        fig.suptitle(title)
    save_figure(fig, out_file, dpi=100)
