"""Detect actions in one unlabeled video from its feature file.

    python tools/infer_localization.py CONFIG CHECKPOINT FEATURES.npy \
        --fps 30 [--duration SECONDS] [--top 20] [--json OUT]

FEATURES is the (T, C) array the config's dataset reads (``.npy``, or
``.npz`` with the config's key). Stride and clip length come from the
config; ``--duration`` defaults to the span the features cover. Prints the
top detections (seconds, class, score) and, with ``--json``, writes all of
them in the ActivityNet results format.
"""
import argparse
import json
import os
import os.path as osp
import sys

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from mmengine.config import Config  # noqa: E402
from mmengine.dataset import Compose, pseudo_collate  # noqa: E402
from mmengine.runner import load_checkpoint  # noqa: E402

from fga.utils import register_all_modules  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('features', help='(T, C) feature file')
    parser.add_argument('--fps', type=float, required=True)
    parser.add_argument('--duration', type=float,
                        help='video length in seconds')
    parser.add_argument('--classes', help='class names, one per line '
                        '(default: class_<index>)')
    parser.add_argument('--top', type=int, default=20)
    parser.add_argument('--json', help='write all detections here')
    args = parser.parse_args(argv)
    register_all_modules()
    from mmaction.registry import MODELS
    cfg = Config.fromfile(args.config)
    data = cfg.test_dataloader.dataset
    pipeline = Compose([t for t in data.pipeline])
    stride, frames = data.get('feat_stride', 4), data.get('num_frames', 16)
    num_steps = len(np.load(args.features, mmap_mode='r')) if \
        args.features.endswith('.npy') else None
    duration = args.duration
    if duration is None:
        if num_steps is None:
            sys.exit('--duration is needed for .npz features')
        duration = ((num_steps - 1) * stride + frames) / args.fps
    results = pipeline(dict(
        video_id=osp.splitext(osp.basename(args.features))[0],
        feature_path=args.features, fps=args.fps, duration=duration,
        feat_stride=stride, feat_num_frames=frames,
        gt_segments_seconds=np.zeros((0, 2)), gt_labels=np.zeros(0, int)))
    model = MODELS.build(cfg.model)
    load_checkpoint(model, args.checkpoint, map_location='cpu')
    model.eval()
    with torch.no_grad():
        sample = model.test_step(pseudo_collate([results]))[0]
    pred = sample.pred_instances
    names = None
    if args.classes:
        with open(args.classes) as f:
            names = [line.strip() for line in f if line.strip()]
    label = (lambda i: names[i]) if names else (lambda i: f'class_{i}')
    detections = [
        dict(segment=[round(float(s), 2), round(float(e), 2)],
             label=label(int(c)), score=float(p))
        for (s, e), p, c in zip(pred.segments, pred.scores, pred.labels)
    ]
    for det in detections[:args.top]:
        print(f'{det["segment"][0]:9.2f} {det["segment"][1]:9.2f}  '
              f'{det["label"]:<24} {det["score"]:.3f}')
    if args.json:
        os.makedirs(osp.dirname(osp.abspath(args.json)), exist_ok=True)
        with open(args.json, 'w') as f:
            json.dump(dict(results={sample.video_id: detections}), f)
        print(f'{len(detections)} detections written to {args.json}')


if __name__ == '__main__':
    main()
