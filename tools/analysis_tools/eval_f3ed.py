"""Score an F3ED prediction file.

    python tools/analysis_tools/eval_f3ed.py ANN_JSON PRED_JSON \
        [--data-dir DIR] [--deltas 0 1 2] [--plain]

PRED_JSON: ``[{"video", "num_frames", "stride", "events": [{"frame" (raw),
"label", "elements": [names], "score"}]}]`` (what ``tools/test.py --dump``
writes for F3ED). DIR (default: ANN_JSON's folder) holds ``elements.txt``,
``events.txt`` and ``element_groups.json``. The last line printed is one
JSON object with ``event_f1@δ`` and ``element_f1@δ`` (0-1) per δ (sampled
frames) and ``edit`` (0-100).
"""
import argparse
import json

from fga.evaluation.f3ed_files import evaluate_f3ed_files


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Event F1, element F1 and edit score of an F3ED '
        'prediction file')
    parser.add_argument('ann_json', help='F3Set split JSON')
    parser.add_argument('pred_json', help='predictions')
    parser.add_argument('--data-dir',
                        help='folder of elements.txt, events.txt and '
                        'element_groups.json')
    parser.add_argument('--deltas', type=int, nargs='+', default=[0, 1, 2],
                        help='tolerances in sampled frames')
    parser.add_argument('--plain', action='store_true',
                        help="score without the reference's quirks")
    args = parser.parse_args(argv)
    if min(args.deltas) < 0:
        parser.error('--deltas must be >= 0')
    try:
        metrics = evaluate_f3ed_files(args.ann_json, args.pred_json,
                                      args.data_dir, args.deltas,
                                      reference_quirks=not args.plain)
    except (OSError, ValueError, KeyError) as err:
        raise SystemExit(f'error: {err}') from None
    for delta in args.deltas:
        print(f"delta {delta}: event F1 {metrics[f'event_f1@{delta}']:.4f}"
              f"  element F1 {metrics[f'element_f1@{delta}']:.4f}")
    print(f"edit score {metrics['edit']:.2f}")
    print(json.dumps(metrics))


if __name__ == '__main__':
    main()
