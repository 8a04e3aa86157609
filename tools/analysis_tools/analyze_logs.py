"""Curves and training time from MMEngine's scalar logs.

    python tools/analysis_tools/analyze_logs.py plot_curve LOG [LOG ...] \
        [--keys loss seq/edit] [--legend ...] [--title T] --out curves.png
    python tools/analysis_tools/analyze_logs.py cal_train_time LOG [LOG ...] \
        [--include-outliers]

MMAction2's command line. LOG is a ``vis_data/scalars.json`` or
``<timestamp>.json`` (one JSON object per line), or a work dir (its latest
run's ``vis_data/scalars.json``).
"""
import argparse

from fga.analysis.training_logs import (find_scalar_log, load_scalar_log,
                                        plot_curves, training_time)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Analyze training logs')
    commands = parser.add_subparsers(dest='task', required=True)
    plot = commands.add_parser('plot_curve', help='plot scalar curves')
    plot.add_argument('json_logs', nargs='+', help='logs or work dirs')
    plot.add_argument('--keys', nargs='+', default=['loss'],
                      help='scalars to plot (e.g. loss lr seq/edit)')
    plot.add_argument('--title', help='figure title')
    plot.add_argument('--legend', nargs='+',
                      help='one entry per log and key (logs x keys)')
    plot.add_argument('--out', required=True, help='PNG to write')
    time = commands.add_parser('cal_train_time',
                               help='seconds per iteration and epoch')
    time.add_argument('json_logs', nargs='+', help='logs or work dirs')
    time.add_argument(
        '--include-outliers', action='store_true',
        help='include the first record of every epoch (data loader '
        'start-up)')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        paths = [find_scalar_log(p) for p in args.json_logs]
        logs = [load_scalar_log(p) for p in paths]
        if args.task == 'plot_curve':
            plot_curves(logs, paths, args.keys, args.out, args.title,
                        args.legend)
            print(f'curves of {", ".join(args.keys)} written to {args.out}')
            return
        for path, log in zip(paths, logs):
            result = training_time(log, args.include_outliers)
            print(f'{"-" * 5}Analyze train time of {path}{"-" * 5}')
            print(f'slowest epoch {result["slowest"]}, average time is '
                  f'{result["per_epoch"].max():.4f} s/iter')
            print(f'fastest epoch {result["fastest"]}, average time is '
                  f'{result["per_epoch"].min():.4f} s/iter')
            print(f'time std over epochs is {result["std"]:.4f}')
            print(f'average iter time: {result["mean"]:.4f} s/iter')
    except (OSError, ValueError) as err:
        raise SystemExit(f'error: {err}') from None


if __name__ == '__main__':
    main()
