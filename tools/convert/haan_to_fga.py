"""Convert the models of the HAAN reference (``lizhi1104/HAAN``) to one
fga ``HAAN`` checkpoint.

    python tools/convert/haan_to_fga.py encoder.pkl \
        fine_level_classifier.pkl OUT.pth --config CONFIG \
        [--pseudo-label-classifier P.pkl] [--coarse-level-classifier C.pkl] \
        [--trust-checkpoint]

The release ships the encoder and the fine-level classifier (all that
inference needs); the training-only modules come from the optional files
or, without them, from the config's initialised model. See
:mod:`fga.models.converters.haan`.
"""
import argparse

from fga.models.converters import convert_haan_models


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('encoder', help="the reference's encoder.pkl")
    parser.add_argument('fine_level_classifier',
                        help="the reference's fine_level_classifier.pkl")
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument('--config', required=True,
                        help='fga HAAN config the models are for')
    parser.add_argument('--pseudo-label-classifier',
                        help="the reference's pseudo_label_classifier.pkl")
    parser.add_argument('--coarse-level-classifier',
                        help="the reference's coarse_level_classifier.pkl")
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    files = dict(encoder=args.encoder,
                 fine_level_classifier=args.fine_level_classifier,
                 pseudo_label_classifier=args.pseudo_label_classifier,
                 coarse_level_classifier=args.coarse_level_classifier)
    try:
        state_dict, meta = convert_haan_models(files, args.dst, args.config,
                                               args.trust_checkpoint)
    except (KeyError, ValueError) as err:
        raise SystemExit(f'error: {err.args[0] if err.args else err}'
                         ) from None
    kept = sorted({k.split('.')[1] for k in meta['not_released']})
    print(f'{len(state_dict)} tensors written to {args.dst} from '
          f'{", ".join(meta["converted_from"])}'
          + (f'; initialised, not released: {", ".join(kept)}'
             if kept else ''))


if __name__ == '__main__':
    main()
