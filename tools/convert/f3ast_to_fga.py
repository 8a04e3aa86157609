"""Convert an ``F3AST123/F3AST`` checkpoint to an fga ``F3AST`` checkpoint.

    python tools/convert/f3ast_to_fga.py REFERENCE.pt OUT.pth \
        [--trust-checkpoint]

See :mod:`fga.models.converters.f3ast` for the formats and key mapping.
"""
import argparse

from fga.models.converters import convert_checkpoint, convert_f3ast_checkpoint


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='reference checkpoint')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    state_dict, meta = convert_checkpoint(args.src, args.dst,
                                          convert_f3ast_checkpoint,
                                          args.trust_checkpoint)
    print(f'{len(state_dict)} tensors written to {args.dst} '
          f'({meta["num_classes"]} classes, clip_len {meta["clip_len"]})')


if __name__ == '__main__':
    main()
