"""Convert a checkpoint of the full-video reference
(``L-KID/Full-Video-Action-Recognition``, TSM's format) to fga.

    python tools/convert/tsm_to_fga.py ckpt.best.pth.tar OUT.pth \
        [--trust-checkpoint]

See :mod:`fga.models.converters.tsm` for the key mapping.
"""
import argparse

from fga.models.converters import convert_checkpoint, convert_tsm_checkpoint


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='reference checkpoint (.pth.tar)')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    state_dict, meta = convert_checkpoint(args.src, args.dst,
                                          convert_tsm_checkpoint,
                                          args.trust_checkpoint)
    print(f'{len(state_dict)} tensors written to {args.dst}'
          + (f' ({meta["arch"]})' if 'arch' in meta else ''))


if __name__ == '__main__':
    main()
