"""Accuracy of recognition dumps, one or several fused (e.g. RGB + flow),
as MMAction2's ``report_accuracy.py``.

    python tools/analysis_tools/report_accuracy.py --preds RGB.pkl [FLOW.pkl] \
        [--coefficients 1 1.5] [--apply-softmax] [--topk 1 5]

Each ``.pkl`` is what ``tools/test.py CONFIG CKPT --dump FILE`` writes for
a recognizer. The last line printed is one JSON object with
``top{k}_accuracy`` and ``mean_class_accuracy`` (0-1).
"""
import argparse
import json

from fga.evaluation.recognition_files import evaluate_recognition_files


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Top-k and mean class accuracy of fused recognition '
        'dumps')
    parser.add_argument('--preds', nargs='+', required=True,
                        help='dumps of tools/test.py --dump')
    parser.add_argument('--coefficients', nargs='+', type=float,
                        help='one weight per dump (default: all 1)')
    parser.add_argument('--apply-softmax', action='store_true',
                        help='softmax each dump\'s scores before fusing')
    parser.add_argument('--topk', nargs='+', type=int, default=[1, 5])
    args = parser.parse_args(argv)
    if args.coefficients and len(args.coefficients) != len(args.preds):
        parser.error(f'{len(args.preds)} dumps but '
                     f'{len(args.coefficients)} coefficients')
    try:
        result = evaluate_recognition_files(args.preds, args.coefficients,
                                            args.apply_softmax, args.topk)
    except (OSError, ValueError) as err:
        raise SystemExit(f'error: {err}') from None
    for key, value in result.items():
        print(f'{key}: {100 * value:.2f}')
    print(json.dumps(result))


if __name__ == '__main__':
    main()
