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

from fga.annotations import read_lines, write_activitynet_results
from fga.apis.inference import inference_localization, init_model


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
    model = init_model(args.config, args.checkpoint)
    try:
        pred = inference_localization(model, args.features, args.fps,
                                      args.duration)
    except ValueError as err:
        raise SystemExit(f'error: {err}') from None
    if args.classes:
        lines = [line.strip() for line in read_lines(args.classes)]
        names = dict(enumerate(line for line in lines if line))
    else:
        names = {int(c): f'class_{c}' for c in pred['labels']}
    for (s, e), p, c in list(zip(pred['segments'], pred['scores'],
                                 pred['labels']))[:args.top]:
        print(f'{s:9.2f} {e:9.2f}  {names[int(c)]:<24} {p:.3f}')
    if args.json:
        write_activitynet_results(args.json, [pred], names)
        print(f'{len(pred["scores"])} detections written to {args.json}')


if __name__ == '__main__':
    main()
