"""Convert an ``F3AST123/F3AST`` checkpoint to an fga ``F3AST`` checkpoint.

    python tools/convert/f3ast_to_fga.py REFERENCE.pt OUT.pth \
        [--config CONFIG] [--trust-checkpoint]

With ``--config`` the checkpoint's vocabulary size and clip length must
equal the config's ``model.head`` (nothing is written otherwise). See
:mod:`fga.models.converters.f3ast` for the formats and key mapping.
"""
import argparse

from fga.models.converters import convert_f3ast_for_config


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='reference checkpoint')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument('--config', help='fga config the checkpoint is for')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    try:
        state_dict, meta = convert_f3ast_for_config(args.src, args.dst,
                                                    args.config,
                                                    args.trust_checkpoint)
    except (KeyError, ValueError) as err:
        raise SystemExit(f'error: {args.src}: {err}') from None
    print(f'{len(state_dict)} tensors written to {args.dst} '
          f'({meta["num_classes"]} classes, clip_len {meta["clip_len"]})')


if __name__ == '__main__':
    main()
