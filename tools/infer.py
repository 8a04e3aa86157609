"""Predict the event sequence of one video.

    python tools/infer.py CONFIG CHECKPOINT VIDEO [--out-png PNG] [--json OUT]

VIDEO is a video file (read with decord) or a folder of frames
``%06d.jpg``. The video is tiled into the config's evaluation clips; their
predictions are concatenated in time order and printed, one event a line
with its probability, followed by the sequence as JSON.
"""
import argparse
import json
import os
import os.path as osp
import sys

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, ROOT)

import torch  # noqa: E402
from mmengine.config import Config  # noqa: E402
from mmengine.dataset import Compose, pseudo_collate  # noqa: E402
from mmengine.runner import load_checkpoint  # noqa: E402

from fga.datasets import evaluation_clip_starts  # noqa: E402
from fga.utils import register_all_modules  # noqa: E402
from fga.visualization import plot_sequence_timelines  # noqa: E402

DECODERS = ('PaddedRawFrameDecode', 'PaddedDecordDecode')


def video_length(path: str) -> int:
    if osp.isdir(path):
        frames = [f for f in os.listdir(path) if f.endswith('.jpg')]
        if not frames:
            raise SystemExit(f'error: {path} holds no .jpg frames')
        return len(frames)
    if not osp.isfile(path):
        raise SystemExit(f'error: {path} does not exist')
    import decord
    try:
        return len(decord.VideoReader(path))
    except Exception as err:
        raise SystemExit(f'error: cannot open video {path}: {err}') from None


def build_pipeline(cfg, is_folder: bool) -> Compose:
    """The config's test pipeline with the decoder for this input."""
    steps = []
    for step in cfg.test_dataloader.dataset.pipeline:
        step = dict(step)
        if step['type'] in DECODERS:
            step = dict(type='PaddedRawFrameDecode') if is_folder else dict(
                type='PaddedDecordDecode')
        steps.append(step)
    return Compose(steps)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('video', help='video file or frame folder')
    parser.add_argument('--out-png', help='write a timeline picture')
    parser.add_argument('--json', help='write the prediction as JSON')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--batch-size', type=int, default=4)
    args = parser.parse_args(argv)

    register_all_modules()
    cfg = Config.fromfile(args.config)
    data_cfg = cfg.test_dataloader.dataset
    from mmaction.registry import MODELS
    model = MODELS.build(cfg.model)
    load_checkpoint(model, args.checkpoint, map_location='cpu')
    model.to(args.device).eval()
    classes = _class_names(data_cfg)

    is_folder = osp.isdir(args.video)
    num_frames = video_length(args.video)
    pipeline = build_pipeline(cfg, is_folder)
    name = osp.splitext(osp.basename(osp.normpath(args.video)))[0]
    base = dict(video=name, num_frames=num_frames, events=[], num_clips=1,
                clip_len=data_cfg.clip_len, stride=data_cfg.stride,
                pad_len=data_cfg.pad_len, modality='RGB', start_index=0)
    base['frame_dir' if is_folder else 'filename'] = args.video
    starts = evaluation_clip_starts(num_frames, data_cfg.clip_len,
                                    data_cfg.stride, data_cfg.pad_len)
    labels, scores = [], []
    with torch.no_grad():
        for i in range(0, len(starts), args.batch_size):
            batch = pseudo_collate([
                pipeline(dict(base, clip_start=s))
                for s in starts[i:i + args.batch_size]
            ])
            for sample in model.test_step(batch):
                labels += sample.pred_labels.tolist()
                scores += sample.pred_scores.max(-1).values.tolist()
    print(f'{name}: {num_frames} frames, {len(starts)} clips, '
          f'{len(labels)} events')
    for k, (label, score) in enumerate(zip(labels, scores), 1):
        print(f'{k:3d}  {classes[label]:40s} {score:.3f}')
    result = dict(video=name, labels=[classes[i] for i in labels],
                  label_scores=[round(s, 4) for s in scores])
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(result, f)
    if args.out_png:
        plot_sequence_timelines([(name, None, labels)], classes,
                                args.out_png)
        print(f'timeline written to {args.out_png}')
    print(json.dumps(result))


def _class_names(data_cfg):
    from fga.datasets import load_classes
    path = data_cfg.classes_file
    if data_cfg.get('data_root') and not osp.isabs(path):
        path = osp.join(data_cfg.data_root, path)
    return load_classes(path)


if __name__ == '__main__':
    main()
