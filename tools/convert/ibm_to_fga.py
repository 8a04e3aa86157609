"""Convert a checkpoint of ``IBM/action-recognition-pytorch`` (Chen et al.,
CVPR 2021) to fga.

    python tools/convert/ibm_to_fga.py model_best.pth.tar OUT.pth \
        [--trust-checkpoint]

See :mod:`fga.models.converters.ibm` for the architectures and key mapping.
Temporal pooling ("-ts"/"-tp") has no parameters: pick the config that
matches how the model was trained.
"""
import argparse

from fga.models.converters import convert_checkpoint, convert_ibm_checkpoint


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='IBM checkpoint (.pth.tar)')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument(
        '--trust-checkpoint',
        action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    state_dict, meta = convert_checkpoint(args.src, args.dst,
                                          convert_ibm_checkpoint,
                                          args.trust_checkpoint)
    print(f'{len(state_dict)} tensors of {meta["ibm_arch"]} written to '
          f'{args.dst}; backbone type {meta["backbone"]}'
          f'{" with TAM" if meta["tam"] else ""}')


if __name__ == '__main__':
    main()
