"""Run a trained model on one unlabeled video, whatever its task.

    python tools/infer.py CONFIG CHECKPOINT INPUT [--out OUT.json] \
        [--out-png OUT.png] [--classes CLASSES.txt] [--fps FPS] \
        [--device cpu] [--top 20]

INPUT is a video file (read with decord), a folder of frames, or — for
feature-based localizers — a (T, C) feature ``.npy``. Localizers given a
video extract its features first with the config's ``feature_extractor``.
Prints a summary and, last, the result as one JSON line; the fields are
those of ``tools/test.py --dump`` (see ``fga.apis.inference``):
sequences ``labels``/``scores`` (spotting also ``events``), detections
``segments`` in seconds, recognition ``label``/``top5``, F3ED ``events``
with frame, label, elements and score.
"""
import argparse
import json

from fga.apis.inference import class_names, inference, init_model, model_task
from fga.utils.atomic_files import atomic_write


def _picture(result: dict, classes, out_png: str) -> None:
    import numpy as np

    from fga import visualization as vis
    if result.get('task') == 'f3ed':
        vis.plot_f3ed_timelines(
            [dict(video=result['video'], num_frames=result['num_frames'],
                  gt_events=[],
                  pred_events=[(e['frame'], '_'.join(e['elements']),
                                e['score']) for e in result['events']])],
            out_png)
        return
    index = {n: i for i, n in enumerate(classes)}
    if 'segments' in result:
        video = dict(video=result['video'], gt_segments=np.zeros((0, 2)),
                     gt_labels=np.zeros(0, int),
                     pred_segments=np.array(
                         [s['segment'] for s in result['segments']]
                     ).reshape(-1, 2),
                     pred_scores=np.array(
                         [s['score'] for s in result['segments']]),
                     pred_labels=np.array(
                         [index[s['label']] for s in result['segments']],
                         dtype=int))
        if 'cas' in result:
            cas = result['cas']
            top = np.argsort(-cas.max(0))[:3].tolist()
            video.update(cas=cas[:, top], cas_classes=top,
                         sec2clip=result['sec2clip'],
                         duration=len(cas) / result['sec2clip'])
        vis.plot_detection_timelines([video], classes, out_png)
    elif 'labels' in result:
        video = dict(video=result['video'], gt=None,
                     pred=[index[n] for n in result['labels']])
        vis.plot_sequence_timelines([video], classes, out_png)
    else:
        vis.plot_recognition_samples(
            [dict(video=result['video'], frames=result['frames'],
                  gt_label=None, scores=result['class_scores'],
                  clusters=result.get('clusters'))], out_png, classes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('input', help='video file, frame folder or .npy')
    parser.add_argument('--out', help='write the result as JSON')
    parser.add_argument('--out-png', help='write a picture')
    parser.add_argument('--classes', help='class names, one per line')
    parser.add_argument('--fps', type=float,
                        help='frame rate of the features (localizers)')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--batch-size', type=int, default=4,
                        help='clips per forward pass (sequence models)')
    parser.add_argument('--top', type=int, default=20,
                        help='lines of the printed summary')
    args = parser.parse_args(argv)
    model = init_model(args.config, args.checkpoint, args.device)
    task = model_task(model)
    head = getattr(model, 'head', None) or getattr(model, 'cls_head')
    classes = None if task == 'f3ed' else class_names(
        model.cfg, head.num_classes, args.classes)
    kwargs = {}
    if task in ('sequence', 'spotting', 'f3ed'):
        kwargs['batch_size'] = args.batch_size
    elif task in ('localization', 'weak_localization'):
        kwargs.update(fps=args.fps, keep_cas=bool(args.out_png))
    else:
        kwargs['keep_frames'] = bool(args.out_png)
    try:
        result = inference(model, args.input, classes, **kwargs)
    except (OSError, ValueError) as err:
        raise SystemExit(f'error: {err}') from None
    if args.out_png:
        _picture(result, classes, args.out_png)
        print(f'picture written to {args.out_png}')
    for picture_only in ('cas', 'sec2clip', 'frames', 'class_scores',
                         'clusters'):
        result.pop(picture_only, None)
    if result['task'] == 'f3ed':
        print(f'{result["video"]}: {len(result["events"])} events')
        for event in result['events'][:args.top]:
            print(f'{event["frame"]:7d}  {event["label"]:40s} '
                  f'{event["score"]:.3f}')
    elif 'labels' in result:
        print(f'{result["video"]}: {len(result["labels"])} events')
        for k, (label, row) in enumerate(
                list(zip(result['labels'], result['scores']))[:args.top], 1):
            print(f'{k:3d}  {label:40s} {max(row):.3f}')
    elif 'segments' in result:
        print(f'{result["video"]}: {len(result["segments"])} detections')
        for det in result['segments'][:args.top]:
            (s, e), label = det['segment'], det['label']
            print(f'{s:9.2f} {e:9.2f}  {label:<24} {det["score"]:.3f}')
    else:
        for entry in result['top5']:
            print(f'{entry["score"]:.3f}  {entry["label"]}')
    if args.out:
        with atomic_write(args.out) as f:
            json.dump(result, f)
        print(f'result written to {args.out}')
    print(json.dumps(result))


if __name__ == '__main__':
    main()
