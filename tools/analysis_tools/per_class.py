"""Per-class results of a prediction file, as a table and a bar plot.

    python tools/analysis_tools/per_class.py CONFIG PREDICTIONS \
        [--attributes [NAME ...]] [--out-png bars.png] [--out-json r.json] \
        [--ann ANN_JSON] [--label-file CLASSES] [--stride N] \
        [--subset test] [--tiou 0.3,0.4,0.5,0.6,0.7]

PREDICTIONS is what ``tools/test.py --dump`` writes: detection results
(``{"results": ...}`` JSON; AP per class at each tIoU and their mean), a
sequence prediction list (F3AST / spotting JSON; accuracy per true class
over the edit-distance alignment, with missed events counted apart) or a
recognition dump (``.pkl``; top-1 accuracy per class). ``--attributes``
(sequences whose class names compose attributes, e.g.
``side_hand_type_direction_outcome``) adds accuracy per attribute and per
attribute value; NAMEs name the fields, none names them by position. The
ground truth comes from the config's test dataset unless given.
"""
import argparse
import os.path as osp

from mmengine.config import Config, DictAction

from fga.analysis.per_class import (format_results, per_class_results,
                                    plot_results)
from fga.analysis.prediction_sources import dump_json, load_predictions
from fga.evaluation.detection_files import parse_tiou_thresholds


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Per-class AP / accuracy, and per-attribute accuracy')
    parser.add_argument('config', help='test config')
    parser.add_argument('predictions', help='tools/test.py --dump output')
    parser.add_argument(
        '--attributes', nargs='*', metavar='NAME',
        help='sequences: also accuracy per attribute of the class names')
    parser.add_argument('--separator', default='_',
                        help='separator of the attributes in a class name')
    parser.add_argument('--out-png', help='bar plot to write')
    parser.add_argument('--out-json', help='the results as JSON')
    parser.add_argument('--ann', help='annotation JSON (default: config)')
    parser.add_argument('--label-file', help='class names, one per line')
    parser.add_argument('--stride', type=int,
                        help='ground-truth frame stride (sequences)')
    parser.add_argument('--subset', nargs='+',
                        help='annotation subsets (detection)')
    parser.add_argument('--tiou', type=parse_tiou_thresholds,
                        default=[0.3, 0.4, 0.5, 0.6, 0.7],
                        help='comma-separated tIoU thresholds (detection)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        default={}, help='override config settings')
    args = parser.parse_args(argv)
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    attributes = None if args.attributes is None else (args.attributes
                                                       or True)
    try:
        data = load_predictions(cfg, args.predictions, ann=args.ann,
                                classes=args.label_file, stride=args.stride,
                                subsets=args.subset)
        result = per_class_results(data, attributes, args.separator,
                                   args.tiou)
    except (OSError, ValueError, KeyError) as err:
        raise SystemExit(f'error: {err}') from None
    print(format_results(result))
    if args.out_png:
        plot_results(result, args.out_png,
                     title=osp.basename(args.predictions))
        print(f'bar plot written to {args.out_png}')
    if args.out_json:
        dump_json(result, args.out_json)
        print(f'results written to {args.out_json}')


if __name__ == '__main__':
    main()
