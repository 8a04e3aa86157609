"""Whole-process time of the evaluation CLIs: ``eval_detections.py`` on a
THUMOS14-sized pair of files and ``--help``, against a same-run baseline
that first registers every fga component (what ``import fga`` did before
registration became lazy: torch, ``mmengine.runner``, scipy), then makes
the same call. Both must print the same result.

    python benchmarks/startup.py [--repeat 3]

The files: 213 videos, 20 classes, ~16 ground-truth segments and 200
predictions per video, written to a temporary folder.
"""
import argparse
import json
import os.path as osp
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
TOOL = osp.join(ROOT, 'tools', 'analysis_tools', 'eval_detections.py')
EAGER = ('import runpy, sys; from fga.utils import register_all_modules; '
         'register_all_modules(); sys.argv = [sys.argv[1]] + sys.argv[2:]; '
         "runpy.run_path(sys.argv[0], run_name='__main__')")


def write_files(folder: str, seed: int = 0):
    rng = np.random.default_rng(seed)
    classes = [f'class_{i}' for i in range(20)]
    database, results = {}, {}
    for v in range(213):
        duration = float(rng.uniform(60, 600))
        starts = rng.uniform(0, duration - 10, 16)
        annotations = [
            dict(label=classes[c], label_id=int(c),
                 segment=[float(s), float(s + rng.uniform(1, 10))])
            for s, c in zip(starts, rng.integers(0, 20, 16))
        ]
        database[f'video_{v}'] = dict(subset='test', duration=duration,
                                      annotations=annotations)
        preds = rng.uniform(0, duration - 10, 200)
        results[f'video_{v}'] = [
            dict(label=classes[int(c)],
                 segment=[float(s), float(s + rng.uniform(1, 10))],
                 score=float(p)) for s, c, p in zip(
                     preds, rng.integers(0, 20, 200), rng.random(200))
        ]
    ann = osp.join(folder, 'annotations.json')
    pred = osp.join(folder, 'results.json')
    with open(ann, 'w') as f:
        json.dump(dict(database=database), f)
    with open(pred, 'w') as f:
        json.dump(dict(results=results), f)
    return ann, pred


def run(command):
    env = dict(PYTHONPATH=ROOT, PATH='/usr/bin:/bin',
               OMP_NUM_THREADS='1')
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, env=env,
                         check=True).stdout
    return time.perf_counter() - start, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ann, pred = write_files(folder)
        print(f'best (median) of {args.repeat} whole processes')
        print('| command | fga | eager registration | ratio |')
        for name, tail in (('eval_detections.py ANN PRED', [ann, pred]),
                           ('eval_detections.py --help', ['--help'])):
            ours, theirs = [], []
            for _ in range(args.repeat):
                t, out = run([sys.executable, TOOL] + tail)
                ours.append(t)
                t, eager_out = run([sys.executable, '-c', EAGER, TOOL] +
                                   tail)
                theirs.append(t)
                if out.splitlines()[-1:] != eager_out.splitlines()[-1:]:
                    raise SystemExit(f'{name}: outputs differ')
            print(f'| {name} | {min(ours):.2f} s ({np.median(ours):.2f}) | '
                  f'{min(theirs):.2f} s ({np.median(theirs):.2f}) | '
                  f'{min(theirs) / min(ours):.1f}× |')


if __name__ == '__main__':
    main()
