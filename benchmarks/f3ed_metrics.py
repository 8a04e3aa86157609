"""Speed of fga's F3ED metrics against a straightforward frame-by-frame
implementation (the reference's loops, written out), on synthetic videos
shaped like F3Set-Tennis's test split (2265 videos of ~175 sampled frames,
29 elements, ~4 events each), with perturbed predictions. Both must give
identical values.

    python benchmarks/f3ed_metrics.py [--videos N] [--delta D] [--repeat R]

Prints both timings and the ratio.
"""
import argparse
import time

import numpy as np

from fga.evaluation.functional import f3ed_metrics

_EPS = 1e-10


def synthetic_videos(num_videos, rng, num_elements=29):
    videos = []
    for _ in range(num_videos):
        length = int(rng.integers(80, 270))
        gt_flags = np.zeros(length, int)
        gt_flags[rng.choice(length, 4, replace=False)] = 1
        gt = (rng.random((length, num_elements)) < 0.2) * gt_flags[:, None]
        # Predictions: events moved by up to 2 frames, 10 % of element
        # bits flipped, a few spurious events.
        pred_flags = np.zeros(length, int)
        pred = np.zeros_like(gt)
        for t in np.flatnonzero(gt_flags):
            s = int(np.clip(t + rng.integers(-2, 3), 0, length - 1))
            pred_flags[s] = 1
            pred[s] = gt[t] ^ (rng.random(num_elements) < 0.1)
        spurious = rng.choice(length, 1)
        pred_flags[spurious] = 1
        pred[spurious] = rng.random((1, num_elements)) < 0.2
        videos.append((pred_flags, pred * pred_flags[:, None], gt_flags,
                       gt.astype(int)))
    return videos


def f1(tp, fp, fn):
    p = tp / (tp + fp + _EPS)
    r = tp / (tp + fn + _EPS)
    return 2 * p * r / (p + r + _EPS)


def straightforward(videos, delta):
    """One frame, one element at a time, as the reference loops."""
    elements = None
    events = {}
    for _, pred, _, gt in videos:
        n, num = pred.shape
        if elements is None:
            elements = [[0, 0, 0] for _ in range(num)]
        for i in range(n):
            lo, hi = max(0, i - delta), min(n, i + delta + 1)
            for j in range(num):
                s = sum(gt[k][j] for k in range(lo, hi))
                if pred[i][j] == 1 and s == 1:
                    elements[j][0] += 1
                if pred[i][j] == 1 and s == 0:
                    elements[j][1] += 1
                if pred[i][j] == 0 and s == 1:
                    elements[j][2] += 1
        labels = [int(''.join(str(int(x)) for x in row), 2) for row in gt]
        preds = [int(''.join(str(int(x)) for x in row), 2) for row in pred]
        for i in range(n):
            lo, hi = max(0, i - delta), min(n, i + delta + 1)
            if preds[i] > 0 and preds[i] in labels[lo:hi]:
                events.setdefault(preds[i], [0, 0, 0])[0] += 1
            if preds[i] > 0 and sum(labels[lo:hi]) == 0:
                events.setdefault(preds[i], [0, 0, 0])[1] += 1
            if labels[i] > 0 and labels[i] not in preds[lo:hi]:
                events.setdefault(labels[i], [0, 0, 0])[2] += 1
    return (sum(f1(*v) for v in events.values()) / len(events),
            sum(f1(*v) for v in elements) / len(elements))


def best_time(fn, repeat):
    best = float('inf')
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--videos', type=int, default=2265)
    parser.add_argument('--delta', type=int, default=1)
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    videos = synthetic_videos(args.videos, np.random.default_rng(0))
    fast_t, fast = best_time(lambda: f3ed_metrics(videos, args.delta),
                             args.repeat)
    slow_t, (event_f1, element_f1) = best_time(
        lambda: straightforward(videos, args.delta), 1)
    assert abs(fast['event_f1'] - event_f1) < 1e-12, (fast, event_f1)
    assert abs(fast['element_f1'] - element_f1) < 1e-12, (fast, element_f1)
    print(f'{args.videos} videos, delta {args.delta}: event F1 '
          f'{event_f1:.4f}, element F1 {element_f1:.4f} (identical)')
    print(f'fga           {fast_t * 1000:9.1f} ms')
    print(f'frame loops   {slow_t * 1000:9.1f} ms')
    print(f'ratio         {slow_t / fast_t:9.1f}x')


if __name__ == '__main__':
    main()
