"""Soft-NMS with ActionFormer's THUMOS14 test_cfg (multi-class Gaussian,
sigma 0.5, min score 0.001, at most 200 segments; ``voting_thresh`` 0.7 is
inert in multi-class mode) on 2,000 and 5,000 random candidates over 20
classes: fga's lockstep search against a same-run baseline written like the
release's C++ extension (class by class, every candidate selected or
dropped, swap-to-front selection, one NumPy pass per selection step).

    python benchmarks/soft_nms.py [--repeat 3] [--sizes 2000,5000]

The release's compiled extension itself cannot be built here; its timing
on this machine kind (2.1 / 5.2 ms) is the target fga is compared with.
"""
import argparse
import time

import numpy as np
import torch

from fga.models.utils import batched_nms_1d

CPP_MS = {2000: 2.1, 5000: 5.2}
TEST_CFG = dict(iou_threshold=0.1, min_score=0.001, max_seg_num=200,
                sigma=0.5, voting_thresh=0.7)


def release_soft_nms(segments: np.ndarray, scores: np.ndarray, sigma: float,
                     min_score: float) -> tuple:
    """The extension's loop: select the maximum of the unprocessed tail,
    swap it to the front, decay the tail, drop what falls below
    ``min_score``; runs until nothing is left (the cap comes after)."""
    x1 = segments[:, 0].copy()
    x2 = segments[:, 1].copy()
    score = scores.copy()
    area = (x2 - x1) + np.float32(1e-6)
    index = np.arange(len(score))
    sigma = np.float32(sigma)
    n = len(score)
    i = 0
    while i < n:
        best = i + int(np.argmax(score[i:n]))
        for a in (x1, x2, score, area, index):
            a[i], a[best] = a[best], a[i]
        tail = slice(i + 1, n)
        inter = np.maximum(
            np.minimum(x2[i], x2[tail]) - np.maximum(x1[i], x1[tail]), 0)
        iou = inter / ((area[tail] + area[i]) - inter)
        score[tail] *= np.exp(-(iou * iou) / sigma)
        keep = np.flatnonzero(score[tail] >= min_score) + i + 1
        m = len(keep)
        for a in (x1, x2, score, area, index):
            a[i + 1:i + 1 + m] = a[keep]
        n = i + 1 + m
        i += 1
    return index[:n], score[:n]


def release_batched(segments, scores, labels, iou_threshold, min_score,
                    max_seg_num, sigma, voting_thresh):
    """The release's multi-class post-processing: per class, cap, then one
    sort of everything by score."""
    parts = []
    for c in np.unique(labels):
        where = np.flatnonzero(labels == c)
        index, out = release_soft_nms(segments[where], scores[where], sigma,
                                      min_score)
        index, out = index[:max_seg_num], out[:max_seg_num]
        parts.append((segments[where][index], out, np.full(len(out), c)))
    segs, outs, labs = (np.concatenate(x) for x in zip(*parts))
    order = np.argsort(-outs, kind='stable')[:max_seg_num]
    return segs[order], outs[order], labs[order]


def candidates(n, seed=0):
    """Candidates as ActionFormer decodes them on a 2,304-step video."""
    generator = torch.Generator().manual_seed(seed)
    starts = torch.rand(n, generator=generator) * 2304
    segments = torch.stack(
        [starts, starts + torch.rand(n, generator=generator) * 100], 1)
    scores = torch.rand(n, generator=generator)
    labels = torch.randint(0, 20, (n, ), generator=generator)
    return segments, scores, labels


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, min(times), float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--sizes', default='2000,5000')
    args = parser.parse_args()
    print(f'best / median of {args.repeat}')
    print('| candidates | fga ms | release-style NumPy ms | ratio | '
          'fga vs the C++ (target ≤ 1.2) |')
    for n in [int(x) for x in args.sizes.split(',')]:
        segments, scores, labels = candidates(n)
        ours, best, median = timed(
            lambda: batched_nms_1d(segments, scores, labels, **TEST_CFG),
            args.repeat)
        theirs, base_best, base_median = timed(
            lambda: release_batched(segments.numpy(), scores.numpy(),
                                    labels.numpy(), **TEST_CFG), args.repeat)
        same = (np.array_equal(ours[0].numpy(), theirs[0])
                and np.array_equal(ours[2].numpy(), theirs[2])
                and np.allclose(ours[1].numpy(), theirs[1], rtol=0,
                                atol=1e-6))
        if not same:
            raise SystemExit(f'{n} candidates: fga and the baseline differ')
        cpp = (f'{best * 1e3 / CPP_MS[n]:.2f}× of {CPP_MS[n]} ms'
               if n in CPP_MS else '–')
        print(f'| {n} | {best * 1e3:.2f} ({median * 1e3:.2f}) | '
              f'{base_best * 1e3:.1f} ({base_median * 1e3:.1f}) | '
              f'{base_best / best:.1f}× | {cpp} |')


if __name__ == '__main__':
    main()
