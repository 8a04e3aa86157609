"""Test a checkpoint: ``python tools/test.py CONFIG CHECKPOINT [options]``.

MMAction2's command line. ``--dump`` writes predictions: metrics that know a
prediction file format (e.g. ``SequenceMetric``: ``[{video, labels,
scores}]`` JSON) write it, otherwise raw results are pickled as in
MMAction2. ``--show-dir`` draws predictions (sequence timelines for
sequence models) and, unlike upstream, works.
"""
import argparse

from fga.engine import (add_runtime_args, configure_test, load_config, run,
                        setup_runtime)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Test an fga checkpoint')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        '--dump', type=str,
        help='file to write the predictions to (.json for sequence and '
        'detection metrics, .pkl otherwise)')
    parser.add_argument(
        '--show-dir', help='directory to save the prediction pictures to')
    parser.add_argument(
        '--interval', type=int, default=1,
        help='visualize every N-th sample (frame-level visualizer)')
    add_runtime_args(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    cfg = load_config(args)
    configure_test(cfg, args.checkpoint, args.dump, args.show_dir,
                   args.interval)
    setup_runtime(cfg, launcher=args.launcher)
    run(cfg, 'test')


if __name__ == '__main__':
    main()
