"""Generate fga's embedded synthetic datasets.

    python tools/data/synthesize.py synthrally --out data/synthrally \
        [--seed S] [--videos N] [--held-out N] [--workers N]
    python tools/data/synthesize.py synthfeat --out data/synthfeat \
        [--seed S] [--videos N]
    python tools/data/synthesize.py synthweak --out data/synthweak \
        [--seed S] [--videos N]
    python tools/data/synthesize.py move4mnist --out data/move4mnist \
        [--seed S] [--train-per-class N] [--val-per-class N] \
        [--visible-frames K]
"""
import argparse
import time

from fga.datasets.synthetic import (MOVE4MNIST_DEFAULTS, SYNTHFEAT_DEFAULTS,
                                    SYNTHRALLY_DEFAULTS, SYNTHWEAK_DEFAULTS,
                                    generate_move4mnist, generate_synthfeat,
                                    generate_synthrally, generate_synthweak)

# subcommand: (name printed, help, generator, {option: (default, help)});
# every option becomes the generator keyword of the same name.
DATASETS = {
    'synthrally': ('SynthRally', 'tennis-like rallies in the F3AST format',
                   generate_synthrally, {
                       'videos': (SYNTHRALLY_DEFAULTS['videos'],
                                  'videos over all splits (60/20/20 '
                                  'train/val/test)'),
                       'max_shots': (SYNTHRALLY_DEFAULTS['max_shots'],
                                     'longest rally'),
                       'held_out': (None, 'videos in each of val and test, '
                                    'the rest train (default: the shares)'),
                       'workers': (1, 'processes rendering in parallel'),
                   }),
    'synthfeat': ('SynthFeat',
                  'THUMOS-like features for temporal action localization',
                  generate_synthfeat, {
                      'videos': (SYNTHFEAT_DEFAULTS['videos'],
                                 'videos over all subsets (60/20/20 '
                                 'train/val/test)'),
                  }),
    'synthweak': ('SynthWeak',
                  "fine-grained weak-supervision features in HAAN's format",
                  generate_synthweak, {
                      'videos': (SYNTHWEAK_DEFAULTS['videos'],
                                 'videos (the first 75 %% are training '
                                 'videos)'),
                  }),
    'move4mnist': ('Move4MNIST',
                   'digits moving left/right/up/down (Move4MNIST-like)',
                   generate_move4mnist, {
                       'train_per_class': (
                           MOVE4MNIST_DEFAULTS['train_per_class'],
                           'training videos per direction'),
                       'val_per_class': (MOVE4MNIST_DEFAULTS['val_per_class'],
                                         'validation videos per direction'),
                       'visible_frames': (
                           MOVE4MNIST_DEFAULTS['visible_frames'],
                           'draw the digit only in this many consecutive '
                           'frames (0: all; the harder set uses 5)'),
                   }),
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest='dataset', required=True)
    for command, (_, help_text, _, options) in DATASETS.items():
        p = sub.add_parser(command, help=help_text)
        p.add_argument('--out', required=True, help='output folder')
        p.add_argument('--seed', type=int, default=0)
        for option, (default, option_help) in options.items():
            p.add_argument('--' + option.replace('_', '-'), type=int,
                           default=default, help=option_help)
        p.add_argument('--overwrite', action='store_true',
                       help='replace an existing, non-empty output folder')
    args = parser.parse_args(argv)
    name, _, generate, options = DATASETS[args.dataset]
    start = time.time()
    counts = generate(args.out, seed=args.seed, overwrite=args.overwrite,
                      **{option: getattr(args, option) for option in options})
    print(f'{name} written to {args.out}: {counts} videos '
          f'({time.time() - start:.1f} s)')


if __name__ == '__main__':
    main()
