"""Convert an ActionFormer (``happyharrycn/actionformer_release``)
checkpoint to an fga ``ActionFormer`` checkpoint.

    python tools/convert/actionformer_to_fga.py epoch_034.pth.tar OUT.pth \
        [--use-raw-weights] [--init-loss-norm 100] [--trust-checkpoint]

See :mod:`fga.models.converters.actionformer` for the key mapping.
"""
import argparse
from functools import partial

from fga.models.converters import (convert_actionformer_checkpoint,
                                   convert_checkpoint)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='ActionFormer checkpoint (.pth.tar)')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument('--use-raw-weights', action='store_true',
                        help='convert state_dict instead of state_dict_ema')
    parser.add_argument('--init-loss-norm', type=float, default=100.0,
                        help='loss normaliser to store (THUMOS14 100, '
                        'ActivityNet 200, EPIC 250)')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    state_dict, meta = convert_checkpoint(
        args.src, args.dst,
        partial(convert_actionformer_checkpoint,
                use_raw_weights=args.use_raw_weights,
                init_loss_norm=args.init_loss_norm), args.trust_checkpoint)
    print(f'{len(state_dict)} tensors ({meta["weights"]}) written to '
          f'{args.dst}')


if __name__ == '__main__':
    main()
