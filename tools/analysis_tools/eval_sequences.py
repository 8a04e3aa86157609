"""Score a sequence prediction file.

    python tools/analysis_tools/eval_sequences.py ANN_JSON PRED_JSON \
        --classes CLASSES_TXT [--tolerance none|finetennis|reference] \
        [--stride N] [--attributes [NAME ...]]

PRED_JSON: ``[{"video": id, "labels": [names in order], "scores": [[one
probability per class, classes.txt order without start/end] per label]}]``
(``scores`` optional: one-hot). A video of ANN_JSON missing from PRED_JSON
counts as an empty prediction that misses all of its ground truth, in every
metric (accuracy and mAP too). The last line printed is one JSON object
with ``accuracy`` (0-1), ``edit`` (0-100), ``success_rate`` (0-1) and
``mAP`` (0-1); with ``--attributes`` (compositional class names such as
``side_hand_type_direction_outcome``), also ``<attribute>_accuracy`` (0-1)
over the edit-distance alignment of each video.
"""
import argparse
import json

from fga.evaluation.sequence_files import TOLERANCES, evaluate_sequence_files


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Accuracy, edit score, success rate and mAP of a '
        'sequence prediction file')
    parser.add_argument('ann_json', help='F3AST split JSON')
    parser.add_argument('pred_json', help='predictions')
    parser.add_argument('--classes', required=True, help='classes.txt')
    parser.add_argument(
        '--tolerance', choices=TOLERANCES, default='none',
        help='finetennis: neighbouring shot directions count as correct; '
        "reference: the reference's FineTennis id pairs on any dataset")
    parser.add_argument(
        '--stride', type=int, default=1,
        help='bin the ground truth by this frame stride, as the reference')
    parser.add_argument(
        '--aligned-map', action='store_true',
        help="score mAP on the aligned rows only (no reference dummy rows)")
    parser.add_argument(
        '--attributes', nargs='*', metavar='NAME',
        help='also print the accuracy of each attribute of the class names '
        '(fields separated by --separator) over the edit-distance '
        'alignment; NAMEs name the fields (e.g. side hand type direction '
        'outcome), none names them by position')
    parser.add_argument('--separator', default='_',
                        help='separator of the attributes in a class name')
    args = parser.parse_args(argv)
    if args.stride < 1:
        parser.error('--stride must be >= 1')
    try:
        metrics = evaluate_sequence_files(
            args.ann_json, args.pred_json, args.classes, args.tolerance,
            args.stride, map_dummy_rows=not args.aligned_map,
            attributes=None if args.attributes is None else (
                args.attributes or True),
            attribute_separator=args.separator)
    except (OSError, ValueError, KeyError) as err:
        raise SystemExit(f'error: {err}') from None
    print(f"accuracy      {metrics['accuracy']:.4f}")
    print(f"edit score    {metrics['edit']:.2f}")
    print(f"success rate  {metrics['success_rate']:.4f}")
    print(f"mAP           {metrics['mAP']:.4f}")
    for key, value in metrics.items():
        if key.endswith('_accuracy'):
            print(f"{key.replace('_', ' '):<24} {value:.4f}")
    print(json.dumps(metrics))


if __name__ == '__main__':
    main()
