"""Draw true versus predicted sequences of a prediction file.

    python tools/analysis_tools/vis_sequences.py ANN_JSON PRED_JSON \
        --classes CLASSES_TXT --out timelines.png \
        [--videos N] [--order first|worst] [--video ID ...]

PRED_JSON is the format of ``tools/test.py --dump`` (``[{video, labels,
scores?}]``). Sequences are drawn along their edit-distance alignment
(substitutions outlined orange, extra events red, missed ones as empty
slots), the true events on a frame axis below, with each video's edit
score; ``--order worst`` shows the N videos with the lowest edit score.
"""
import argparse

from fga.annotations import (load_classes, load_event_annotations,
                             load_sequence_predictions)
from fga.visualization import plot_sequence_timelines, select_videos


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('ann_json')
    parser.add_argument('pred_json')
    parser.add_argument('--classes', required=True)
    parser.add_argument('--out', required=True, help='PNG to write')
    parser.add_argument('--videos', type=int, default=6,
                        help='number of videos drawn')
    parser.add_argument('--order', choices=('first', 'worst'),
                        default='first',
                        help='first by id, or lowest edit score first')
    parser.add_argument('--video', nargs='+', help='these videos instead')
    args = parser.parse_args(argv)
    try:
        classes = load_classes(args.classes)
        records = load_event_annotations(args.ann_json, classes)
        preds = load_sequence_predictions(args.pred_json, classes)
    except (OSError, ValueError) as err:
        raise SystemExit(f'error: {err}') from None
    index = {n: i for i, n in enumerate(classes)}
    videos = []
    for record in records:
        labels = [index[e['label']] for e in record['events']]
        pred = preds.get(record['video'])
        videos.append(dict(
            video=record['video'], gt=labels,
            pred=[] if pred is None else pred[0].tolist(),
            gt_frames=[e['frame'] for e in record['events']],
            gt_frame_labels=labels, num_frames=record['num_frames']))
    if args.video:
        by_id = {v['video']: v for v in videos}
        unknown = [v for v in args.video if v not in by_id]
        if unknown:
            raise SystemExit(f'error: {unknown} not in {args.ann_json}')
        chosen = [by_id[v] for v in args.video]
    else:
        chosen = select_videos(videos, args.videos, args.order)
    print(plot_sequence_timelines(chosen, classes, args.out))


if __name__ == '__main__':
    main()
