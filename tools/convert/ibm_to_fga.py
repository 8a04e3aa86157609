"""Convert a checkpoint of ``IBM/action-recognition-pytorch`` (Chen et al.,
CVPR 2021) to fga.

    python tools/convert/ibm_to_fga.py model_best.pth.tar OUT.pth \
        [--config CONFIG] [--trust-checkpoint]

The checkpoint's ``arch`` string records settings that have no parameters
(temporal striding ``-ts``, its pooling, TAM's blending, frames ``-f``):
with ``--config`` every one must equal the config's, else the differences
are named and nothing is written; without it the shipped configs that
match are listed. See :mod:`fga.models.converters.ibm` and
:mod:`fga.models.converters.ibm_arch`.
"""
import argparse
import glob
import os.path as osp

from fga.models.converters import convert_ibm_for_config, matching_ibm_configs

CONFIGS = osp.join(osp.dirname(osp.dirname(osp.dirname(osp.abspath(
    __file__)))), 'configs', 'recognition')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='IBM checkpoint (.pth.tar)')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument('--config', help='fga config the checkpoint is for')
    parser.add_argument(
        '--trust-checkpoint',
        action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    try:
        state_dict, meta = convert_ibm_for_config(args.src, args.dst,
                                                  args.config,
                                                  args.trust_checkpoint)
    except (KeyError, ValueError) as err:
        raise SystemExit(f'error: {args.src}: '
                         f'{err.args[0] if err.args else err}') from None
    print(f'{len(state_dict)} tensors of {meta["ibm_arch"]} written to '
          f'{args.dst}; backbone type {meta["backbone"]}'
          f'{" with TAM" if meta["tam"] else ""}')
    if args.config or 'ibm_settings' not in meta:
        if 'ibm_settings' not in meta:
            print(f'arch {meta.get("ibm_name")!r} is not in IBM\'s naming: '
                  'check temporal striding, pooling and frames yourself')
        return
    found = matching_ibm_configs(
        meta['ibm_settings'],
        sorted(glob.glob(osp.join(CONFIGS, '*', '*.py'))))
    if found:
        print('configs with its settings:\n  ' + '\n  '.join(
            osp.relpath(p, osp.dirname(osp.dirname(CONFIGS)))
            for p in found))
    else:
        print('no shipped config has its settings '
              f'{meta["ibm_settings"]}: write one (see '
              'configs/recognition/README.md)')


if __name__ == '__main__':
    main()
