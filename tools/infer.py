"""Predict the event sequence of one video.

    python tools/infer.py CONFIG CHECKPOINT VIDEO [--out-png PNG] [--json OUT]

VIDEO is a video file (read with decord) or a folder of frames
``%06d.jpg``. The video is tiled into the config's evaluation clips; their
predictions are concatenated in time order and printed, one event a line
with its probability, followed by the sequence as JSON.
"""
import argparse
import json

from fga.annotations import load_classes
from fga.apis.inference import inference_sequence, init_model
from fga.utils.atomic_files import atomic_write


def _class_names(data_cfg):
    import os.path as osp
    path = data_cfg.classes_file
    if data_cfg.get('data_root') and not osp.isabs(path):
        path = osp.join(data_cfg.data_root, path)
    return load_classes(path)


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

    model = init_model(args.config, args.checkpoint, args.device)
    classes = _class_names(model.cfg.test_dataloader.dataset)
    try:
        pred = inference_sequence(model, args.video, args.batch_size)
    except OSError as err:
        raise SystemExit(f'error: {err}') from None
    name, labels = pred['video'], pred['labels']
    print(f'{name}: {pred["num_frames"]} frames, {pred["num_clips"]} clips, '
          f'{len(labels)} events')
    for k, (label, score) in enumerate(zip(labels, pred['scores']), 1):
        print(f'{k:3d}  {classes[label]:40s} {score:.3f}')
    result = dict(video=name, labels=[classes[i] for i in labels],
                  label_scores=[round(s, 4) for s in pred['scores']])
    if args.json:
        with atomic_write(args.json) as f:
            json.dump(result, f)
    if args.out_png:
        from fga.visualization import plot_sequence_timelines
        plot_sequence_timelines([(name, None, labels)], classes,
                                args.out_png)
        print(f'timeline written to {args.out_png}')
    print(json.dumps(result))


if __name__ == '__main__':
    main()
