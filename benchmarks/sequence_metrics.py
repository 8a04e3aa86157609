"""Speed of fga's sequence metrics against a straightforward pure-Python
implementation, on the real FineGym test annotations (1102 videos) with
perturbed predictions. Both must give identical values.

    python benchmarks/sequence_metrics.py [--ann PATH] [--repeat N]

Prints both timings and the ratio (target: >= 10x).
"""
import argparse
import os.path as osp
import time
import warnings

import numpy as np

from fga.annotations import (ground_truth_sequence, load_classes,
                             load_event_annotations)
from fga.evaluation.functional import sequence_metrics

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))

DEFAULT_ANN = osp.join(ROOT, 'tests', 'data', 'annotations', 'f3ast',
                       'finegym')


def perturb(gts, num_classes, rng):
    """Substitute 10 %, delete 5 %, insert 5 % of labels; soft rows."""
    preds, rows = [], []
    for gt in gts:
        pred = []
        for label in gt:
            r = rng.random()
            if r < 0.05:
                continue
            pred.append(int(rng.integers(num_classes)) if r < 0.15 else
                        int(label))
            if rng.random() < 0.05:
                pred.append(int(rng.integers(num_classes)))
        score = rng.random((len(pred), num_classes))
        score[np.arange(len(pred)), pred] += 2.0
        rows.append(score / score.sum(1, keepdims=True))
        preds.append(np.array(pred, dtype=np.int64))
    return preds, rows


# The straightforward implementation: one video and one cell at a time.
def python_collapse(seq):
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out


def python_levenshtein(p, y):
    d = [[0] * (len(y) + 1) for _ in range(len(p) + 1)]
    for i in range(len(p) + 1):
        d[i][0] = i
    for j in range(len(y) + 1):
        d[0][j] = j
    for i in range(1, len(p) + 1):
        for j in range(1, len(y) + 1):
            cost = 0 if p[i - 1] == y[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + cost)
    return d[-1][-1]


def python_ap(labels, scores, c):
    order = sorted(range(len(labels)), key=lambda i: -scores[i][c])
    num_pos = sum(1 for x in labels if x == c)
    ap, tp, prev_recall, i = 0.0, 0, 0.0, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and \
                scores[order[j + 1]][c] == scores[order[i]][c]:
            j += 1
        tp += sum(1 for k in order[i:j + 1] if labels[k] == c)
        recall = tp / num_pos
        ap += (recall - prev_recall) * tp / (j + 1)
        prev_recall, i = recall, j + 1
    return ap


def python_metrics(preds, rows, gts, num_classes):
    correct = aligned = success = 0
    edits = []
    labels, scores = [], []
    for p, r, g in zip(preds, rows, gts):
        p, g = list(map(int, p)), list(map(int, g))
        m = min(len(p), len(g))
        aligned += m
        correct += sum(1 for j in range(m) if p[j] == g[j])
        success += int(p == g)
        cp, cg = python_collapse(p), python_collapse(g)
        longest = max(len(cp), len(cg))
        edits.append(100.0 if longest == 0 else
                     (1 - python_levenshtein(cp, cg) / longest) * 100)
        labels += g[:m]
        scores += [list(map(float, row)) for row in r[:m]]
    present = sorted(set(labels))
    for c in range(num_classes):
        if c not in present:
            labels.append(c)
            scores.append([float(k == c) for k in range(num_classes)])
    aps = [python_ap(labels, scores, c) for c in present]
    return dict(accuracy=correct / aligned, edit=sum(edits) / len(edits),
                success_rate=success / len(gts), mAP=sum(aps) / len(aps))


def timed(fn, repeat):
    best = float('inf')
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return out, best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--ann', default=DEFAULT_ANN,
                        help='folder with classes.txt and test.json')
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args(argv)
    classes = load_classes(osp.join(args.ann, 'classes.txt'))
    index = {n: i for i, n in enumerate(classes)}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        records = load_event_annotations(osp.join(args.ann, 'test.json'),
                                         classes)
    gts = [ground_truth_sequence(r, index, 3, reference_compat=True)
           for r in sorted(records, key=lambda r: r['video'])]
    preds, rows = perturb(gts, len(classes), np.random.default_rng(0))
    ours, t_ours = timed(
        lambda: sequence_metrics(preds, rows, gts, len(classes)),
        args.repeat)
    plain, t_plain = timed(
        lambda: python_metrics(preds, rows, gts, len(classes)), args.repeat)
    print(f'videos: {len(gts)}, events: {sum(map(len, gts))}')
    for key in ours:
        print(f'  {key:13s} fga {ours[key]:.12f}  python {plain[key]:.12f}')
        if not np.isclose(ours[key], plain[key], rtol=0, atol=1e-9):
            raise SystemExit(f'values differ for {key}')
    print(f'fga: {t_ours * 1000:.1f} ms, pure Python: {t_plain * 1000:.1f} '
          f'ms, ratio: {t_plain / t_ours:.1f}x (target >= 10x)')


if __name__ == '__main__':
    main()
