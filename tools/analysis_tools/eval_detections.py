"""Score a temporal action detection file (official ActivityNet protocol).

    python tools/analysis_tools/eval_detections.py ANN_JSON PRED_JSON \
        [--subset test] [--tiou 0.3,0.4,0.5,0.6,0.7] [--class-agnostic] \
        [--keep-duplicates]

ANN_JSON: ActivityNet-style ``{"database": {video: {"subset", "annotations":
[{"label", "label_id", "segment"}]}}}``. PRED_JSON: ``{"results": {video:
[{"segment": [start_s, end_s], "label": class name, "score": s}]}}`` (what
``tools/test.py --dump`` writes for localizers). The last line printed is
one JSON object with ``tiou``, ``mAP_per_tiou`` and ``mAP`` (0-1).
"""
import argparse
import json

from fga.evaluation.detection_files import (evaluate_detection_files,
                                            parse_tiou_thresholds)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Detection mAP at tIoU thresholds of an ActivityNet-'
        'format prediction file')
    parser.add_argument('ann_json', help='annotation JSON')
    parser.add_argument('pred_json', help='predictions')
    parser.add_argument('--subset', default='test',
                        help='subset to evaluate (case-insensitive)')
    parser.add_argument('--tiou', type=parse_tiou_thresholds,
                        default=[0.3, 0.4, 0.5, 0.6, 0.7],
                        help='comma-separated tIoU thresholds')
    parser.add_argument('--class-agnostic', action='store_true',
                        help='evaluate all classes as one (proposals)')
    parser.add_argument(
        '--keep-duplicates', action='store_true',
        help='score every ground-truth segment, as HAAN does (by default '
        'repeated and shorter-than-1 ms segments are dropped, as '
        'ActivityNet does)')
    args = parser.parse_args(argv)
    result = evaluate_detection_files(args.ann_json, args.pred_json,
                                      args.subset, args.tiou,
                                      args.class_agnostic,
                                      not args.keep_duplicates)
    for t, m in zip(result['tiou'], result['mAP_per_tiou']):
        print(f'tIoU {t:.2f}: mAP {100 * m:.2f}')
    print(f'average mAP {100 * result["mAP"]:.2f}  Recall@1x '
          f'{100 * result["recall_1x"]:.2f}  Recall@5x '
          f'{100 * result["recall_5x"]:.2f}')
    print(json.dumps(dict(tiou=result['tiou'],
                          mAP_per_tiou=result['mAP_per_tiou'],
                          mAP=result['mAP'])))


if __name__ == '__main__':
    main()
