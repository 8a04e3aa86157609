"""Generate fga's embedded synthetic datasets.

    python tools/data/synthesize.py synthrally --out data/synthrally \
        [--seed S] [--videos N]
    python tools/data/synthesize.py synthfeat --out data/synthfeat \
        [--seed S] [--videos N]
    python tools/data/synthesize.py synthweak --out data/synthweak \
        [--seed S] [--videos N]
    python tools/data/synthesize.py move4mnist --out data/move4mnist \
        [--seed S] [--train-per-class N] [--val-per-class N]
"""
import argparse
import os.path as osp
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, ROOT)

from fga.datasets.synthetic import SYNTHFEAT_DEFAULTS  # noqa: E402
from fga.datasets.synthetic import (MOVE4MNIST_DEFAULTS, SYNTHRALLY_DEFAULTS,
                                    SYNTHWEAK_DEFAULTS, generate_move4mnist,
                                    generate_synthfeat, generate_synthrally,
                                    generate_synthweak)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest='dataset', required=True)
    rally = sub.add_parser(
        'synthrally', help='tennis-like rallies in the F3AST format')
    rally.add_argument('--out', required=True, help='output folder')
    rally.add_argument('--seed', type=int, default=0)
    rally.add_argument(
        '--videos', type=int, default=SYNTHRALLY_DEFAULTS['videos'],
        help='videos over all splits (60/20/20 train/val/test)')
    rally.add_argument(
        '--max-shots', type=int, default=SYNTHRALLY_DEFAULTS['max_shots'])
    rally.add_argument(
        '--overwrite', action='store_true',
        help='replace an existing, non-empty output folder')
    feat = sub.add_parser(
        'synthfeat',
        help='THUMOS-like features for temporal action localization')
    feat.add_argument('--out', required=True, help='output folder')
    feat.add_argument('--seed', type=int, default=0)
    feat.add_argument(
        '--videos', type=int, default=SYNTHFEAT_DEFAULTS['videos'],
        help='videos over all subsets (60/20/20 train/val/test)')
    feat.add_argument(
        '--overwrite', action='store_true',
        help='replace an existing, non-empty output folder')
    weak = sub.add_parser(
        'synthweak',
        help='fine-grained weak-supervision features in HAAN\'s format')
    weak.add_argument('--out', required=True, help='output folder')
    weak.add_argument('--seed', type=int, default=0)
    weak.add_argument(
        '--videos', type=int, default=SYNTHWEAK_DEFAULTS['videos'],
        help='videos (the first 75 %% are training videos)')
    weak.add_argument(
        '--overwrite', action='store_true',
        help='replace an existing, non-empty output folder')
    mnist = sub.add_parser(
        'move4mnist',
        help='digits moving left/right/up/down (Move4MNIST-like)')
    mnist.add_argument('--out', required=True, help='output folder')
    mnist.add_argument('--seed', type=int, default=0)
    mnist.add_argument('--train-per-class', type=int,
                       default=MOVE4MNIST_DEFAULTS['train_per_class'])
    mnist.add_argument('--val-per-class', type=int,
                       default=MOVE4MNIST_DEFAULTS['val_per_class'])
    mnist.add_argument(
        '--overwrite', action='store_true',
        help='replace an existing, non-empty output folder')
    args = parser.parse_args(argv)
    start = time.time()
    if args.dataset == 'synthrally':
        counts = generate_synthrally(
            args.out, seed=args.seed, videos=args.videos,
            max_shots=args.max_shots, overwrite=args.overwrite)
        name = 'SynthRally'
    elif args.dataset == 'synthfeat':
        counts = generate_synthfeat(
            args.out, seed=args.seed, videos=args.videos,
            overwrite=args.overwrite)
        name = 'SynthFeat'
    elif args.dataset == 'synthweak':
        counts = generate_synthweak(
            args.out, seed=args.seed, videos=args.videos,
            overwrite=args.overwrite)
        name = 'SynthWeak'
    else:
        counts = generate_move4mnist(
            args.out, seed=args.seed, train_per_class=args.train_per_class,
            val_per_class=args.val_per_class, overwrite=args.overwrite)
        name = 'Move4MNIST'
    print(f'{name} written to {args.out}: {counts} videos '
          f'({time.time() - start:.1f} s)')


if __name__ == '__main__':
    main()
