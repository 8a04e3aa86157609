"""Draw true versus predicted sequences of a prediction file.

    python tools/analysis_tools/vis_sequences.py ANN_JSON PRED_JSON \
        --classes CLASSES_TXT --out timelines.png [--videos N | --video ID ...]

PRED_JSON is the format of ``tools/test.py --dump`` (``[{video, labels,
scores?}]``). Wrong or extra predictions are outlined in red.
"""
import argparse

from fga.annotations import (load_classes, load_event_annotations,
                             load_sequence_predictions)
from fga.visualization import plot_sequence_timelines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('ann_json')
    parser.add_argument('pred_json')
    parser.add_argument('--classes', required=True)
    parser.add_argument('--out', required=True, help='PNG to write')
    parser.add_argument('--videos', type=int, default=6,
                        help='first N videos (sorted by id)')
    parser.add_argument('--video', nargs='+', help='these videos instead')
    args = parser.parse_args(argv)
    classes = load_classes(args.classes)
    index = {n: i for i, n in enumerate(classes)}
    records = {r['video']: r
               for r in load_event_annotations(args.ann_json, classes)}
    preds = load_sequence_predictions(args.pred_json, classes)
    videos = args.video or sorted(records)[:args.videos]
    unknown = [v for v in videos if v not in records]
    if unknown:
        raise SystemExit(f'error: {unknown} not in {args.ann_json}')
    items = [(v, [index[e['label']] for e in records[v]['events']],
              preds[v][0].tolist() if v in preds else []) for v in videos]
    print(plot_sequence_timelines(items, classes, args.out))


if __name__ == '__main__':
    main()
