"""Speed of fga's detection mAP against MMAction2's
``compute_average_precision_detection`` looped over classes, on a
THUMOS14-sized random set (213 videos, 20 classes, ~3,400 ground-truth
segments, 200 predictions per video). Both must give identical APs.

    python benchmarks/detection_map.py [--repeat N] [--seed S]

Prints both timings and the ratio (target: >= 3x).
"""
import argparse
import sys
import time

import numpy as np

from fga.evaluation.functional import detection_map


def thumos_sized(rng, videos=213, classes=20, preds_per_video=200):
    """Random THUMOS-like ground truth and predictions near it."""
    gt = dict(video=[], segments=[], labels=[])
    pred = dict(video=[], segments=[], labels=[], scores=[])
    for v in range(videos):
        name = f'video_test_{v:07d}'
        duration = rng.uniform(60, 600)
        count = int(rng.integers(4, 30))
        starts = rng.uniform(0, duration - 20, count)
        lengths = rng.exponential(5, count) + 0.5
        labels = rng.integers(0, classes, count)
        gt['video'] += [name] * count
        gt['segments'] += np.stack([starts, starts + lengths], 1).tolist()
        gt['labels'] += labels.tolist()
        # half the predictions jitter a ground truth, half are random
        near = rng.integers(0, count, preds_per_video // 2)
        jitter = rng.normal(0, 1.5, (len(near), 2))
        seg_near = np.stack([starts[near], starts[near] + lengths[near]],
                            1) + jitter
        seg_near[:, 1] = np.maximum(seg_near[:, 1], seg_near[:, 0] + 0.1)
        rand_start = rng.uniform(0, duration, preds_per_video - len(near))
        seg_rand = np.stack([rand_start,
                             rand_start + rng.exponential(5, len(rand_start))
                             + 0.1], 1)
        pred['video'] += [name] * preds_per_video
        pred['segments'] += np.concatenate([seg_near, seg_rand]).tolist()
        pred['labels'] += np.concatenate([
            np.where(rng.random(len(near)) < 0.8, labels[near],
                     rng.integers(0, classes, len(near))),
            rng.integers(0, classes, len(rand_start))
        ]).tolist()
        pred['scores'] += rng.random(preds_per_video).tolist()
    return ({k: np.asarray(v) for k, v in gt.items()},
            {k: np.asarray(v) for k, v in pred.items()})


def mmaction2_map(gt, pred, thresholds):
    from mmaction.evaluation.functional.eval_detection import \
        compute_average_precision_detection
    classes = np.unique(gt['labels'])
    ap = np.zeros((len(thresholds), len(classes)))
    for i, c in enumerate(classes):
        g = gt['labels'] == c
        p = pred['labels'] == c
        ground_truth = [{'video-id': v, 't-start': s, 't-end': e}
                        for v, (s, e) in zip(gt['video'][g],
                                             gt['segments'][g])]
        prediction = [{'video-id': v, 't-start': s, 't-end': e, 'score': sc}
                      for v, (s, e), sc in zip(pred['video'][p],
                                               pred['segments'][p],
                                               pred['scores'][p])]
        ap[:, i] = compute_average_precision_detection(
            ground_truth, prediction, thresholds)
    return ap


def best_time(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    gt, pred = thumos_sized(np.random.default_rng(args.seed))
    thresholds = np.linspace(0.3, 0.7, 5)
    print(f'{len(np.unique(gt["video"]))} videos, {len(gt["labels"])} '
          f'ground-truth segments, {len(pred["labels"])} predictions, '
          f'{len(np.unique(gt["labels"]))} classes')
    ours_time, ours = best_time(
        lambda: detection_map(gt, pred, thresholds, top_k=(1, 5)),
        args.repeat)
    theirs_time, theirs = best_time(
        lambda: mmaction2_map(gt, pred, thresholds), args.repeat)
    max_diff = float(np.abs(ours['ap'] - theirs).max())
    print(f'average mAP: fga {ours["mAP"]:.6f}, MMAction2 '
          f'{theirs.mean():.6f}, max |AP difference| {max_diff:.2e}')
    if max_diff > 1e-9:
        sys.exit('APs differ: the benchmark is invalid')
    print(f'fga detection_map (AP + Recall@1x/5x): {ours_time * 1e3:.1f} ms')
    print(f'MMAction2 per-class AP loop: {theirs_time * 1e3:.1f} ms')
    print(f'ratio: {theirs_time / ours_time:.1f}x')


if __name__ == '__main__':
    main()
