"""Draw the confusion matrix of a recognition dump or a sequence prediction
file.

    python tools/analysis_tools/confusion_matrix.py CONFIG PREDICTIONS \
        --show-path cm.png [--out cm.json] [--include-values] \
        [--no-normalize] [--label-file CLASSES] [--target-classes I J ...] \
        [--cmap viridis] [--ann ANN_JSON] [--stride N]

MMAction2's command line, on the file ``tools/test.py --dump`` writes:
a recognizer's ``.pkl`` (every sample's top-1 class) or an F3AST /
spotting ``.json`` (the events of the edit-distance alignment of each
video with its ground truth, with a ``(none)`` row for extra predicted
events and a ``(none)`` column for missed true ones). Class names, and for
sequences the annotation file, classes.txt and frame stride, come from the
config's test dataset unless given. Dumps are read safely (no code runs).
"""
import argparse

from mmengine.config import Config, DictAction

from fga.analysis.confusion import (plot_confusion, prediction_confusion,
                                    select_classes)
from fga.analysis.prediction_sources import dump_json, load_predictions


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Confusion matrix of recognition or sequence '
        'predictions')
    parser.add_argument('config', help='test config')
    parser.add_argument('predictions',
                        help='tools/test.py --dump output (.pkl or .json)')
    parser.add_argument('--out', help='JSON to write the counts to')
    parser.add_argument('--show-path', help='PNG to draw the matrix to')
    parser.add_argument('--include-values', action='store_true',
                        help='write the values in the cells')
    parser.add_argument('--no-normalize', action='store_true',
                        help='draw counts instead of row fractions')
    parser.add_argument('--label-file', help='class names, one per line')
    parser.add_argument('--ann', help='annotation JSON (sequences)')
    parser.add_argument('--stride', type=int,
                        help='ground-truth frame stride (sequences)')
    parser.add_argument('--target-classes', type=int, nargs='+', default=[],
                        help='class indices to keep')
    parser.add_argument('--cmap', default='viridis', help='matplotlib map')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        default={}, help='override config settings')
    args = parser.parse_args(argv)
    if not (args.out or args.show_path):
        parser.error('give --show-path PNG and/or --out JSON')
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    try:
        data = load_predictions(cfg, args.predictions, ann=args.ann,
                                classes=args.label_file, stride=args.stride)
        matrix, names = prediction_confusion(data)
        if args.target_classes:
            matrix, names = select_classes(matrix, names,
                                           args.target_classes)
    except (OSError, ValueError, KeyError) as err:
        raise SystemExit(f'error: {err}') from None
    if args.out:
        dump_json(dict(classes=names, matrix=matrix.tolist()), args.out)
        print(f'confusion matrix counts written to {args.out}')
    if args.show_path:
        plot_confusion(matrix, names, args.show_path,
                       normalize=not args.no_normalize,
                       include_values=args.include_values, cmap=args.cmap)
        print(f'The confusion matrix is saved at {args.show_path}.')


if __name__ == '__main__':
    main()
