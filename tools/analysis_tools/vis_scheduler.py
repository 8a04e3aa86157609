"""Plot the learning rate (and momentum) schedule of a config, without data.

    python tools/analysis_tools/vis_scheduler.py CONFIG --dataset-size N \
        [--ngpus G] [--out schedule.png] [--title T] [--cfg-options k=v ...]

MMPretrain's / MMDetection's command line. Epoch-based schedules need the
number of training samples (``--dataset-size``; the batch size comes from
the config's ``train_dataloader``); iteration-based ones do not. Prints the
learning rate at the start, at its peak and at the end.
"""
import argparse

from mmengine.config import Config, DictAction

from fga.analysis.schedules import (iterations_per_epoch, plot_schedule,
                                    simulate_schedule)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Plot the parameter schedule of a config')
    parser.add_argument('config', help='config file')
    parser.add_argument('--dataset-size', type=int,
                        help='training samples per epoch')
    parser.add_argument('--ngpus', type=int, default=1,
                        help='processes the batch is replicated on')
    parser.add_argument('--out', default='schedule.png', help='PNG to write')
    parser.add_argument('--title', help='figure title (default: config)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        default={}, help='override config settings')
    args = parser.parse_args(argv)
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    try:
        per_epoch = None
        if args.dataset_size is not None:
            per_epoch = iterations_per_epoch(
                args.dataset_size, cfg.train_dataloader.batch_size,
                args.ngpus)
        schedule = simulate_schedule(cfg, per_epoch)
    except ValueError as err:
        raise SystemExit(f'error: {err}') from None
    plot_schedule(schedule, args.out, args.title or args.config)
    lr = schedule['lr']
    peak = int(lr.argmax())
    print(f'{len(lr)} iterations'
          + (f' ({per_epoch} per epoch)' if per_epoch else ''))
    print(f'lr: start {lr[0]:.4g}, peak {lr[peak]:.4g} at iteration {peak}, '
          f'end {lr[-1]:.4g}')
    print(f'schedule written to {args.out}')


if __name__ == '__main__':
    main()
