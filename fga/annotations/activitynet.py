"""ActivityNet-style localization files: annotations and detection
results.

Annotations: ``{"database": {video_id: {"subset", "duration", "fps",
"annotations": [{"label", "label_id", "segment": [start_s, end_s]}, ...]}}}``.
Class indices are the file's ``label_id``s unless a class list is given, in
which case a label's index is its position in that list.

Results: ``{"results": {video_id: [{"segment": [start_s, end_s], "label":
name, "score": p}, ...]}}``.
"""
import contextlib
import gc
import json
import warnings
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from fga.utils.atomic_files import atomic_write
from .checks import (check_integer, check_list, check_number, check_object,
                     check_segment, check_text, clip_segments, describe,
                     first_items)
from .file_io import AnnotationError, load_json

__all__ = [
    'load_localization_database', 'localization_label_dict',
    'video_ground_truth', 'select_videos', 'load_activitynet_results',
    'write_activitynet_results'
]


@contextlib.contextmanager
def _collector_paused():
    """A parse allocates ~10⁵ containers at once; each collection it
    triggers walks every live object (hundreds of thousands after the
    training stack's imports), which costs more than the parse itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_localization_database(path: str) -> Dict[str, dict]:
    """The ``database`` mapping of an annotation JSON, checked: every video
    is an object with a ``subset`` string and an ``annotations`` list;
    ``duration`` and ``fps``, when given, are numbers > 0; every annotation
    has a ``label`` string, an integer ``label_id`` >= 0 when given and a
    ``segment`` of two finite numbers. A video id given twice is an error
    (JSON would keep the last)."""
    with _collector_paused():
        content = load_json(path)
    if not isinstance(content, dict) or not isinstance(
            content.get('database'), dict):
        raise AnnotationError(f'{path}: expected a JSON object with a '
                              f'"database" mapping of videos')
    for video, record in content['database'].items():
        where = f'{path}: video {video}'
        check_object(record, where, 'the record')
        missing = [k for k in ('subset', 'annotations') if k not in record]
        if missing:
            raise AnnotationError(f'{where}: missing {missing}')
        check_text(record['subset'], where, '"subset"')
        for key in ('duration', 'fps'):
            if key in record:
                check_number(record[key], where, f'"{key}"', positive=True)
        for i, ann in enumerate(
                check_list(record['annotations'], where, '"annotations"')):
            check_object(ann, f'{where}: annotation {i}', 'an annotation')
            if 'segment' not in ann or 'label' not in ann:
                raise AnnotationError(f'{where}: annotation {i} '
                                      f'needs "segment" and "label"')
            check_segment(ann['segment'], f'{where}: annotation {i}')
            check_text(ann['label'], f'{where}: annotation {i}', '"label"')
            if 'label_id' in ann:
                check_integer(ann['label_id'], f'{where}: annotation {i}',
                              '"label_id"', minimum=0)
    return content['database']


def localization_label_dict(database: Dict[str, dict],
                            path: str,
                            classes: Optional[Sequence[str]] = None,
                            num_classes: Optional[int] = None,
                            class_agnostic: bool = False) -> Dict[str, int]:
    """Label name → class index, from ``classes`` or else from the
    file's ``label_id`` over all its annotations (every split). With
    ``class_agnostic`` every label maps to 0 (one "action" class)."""
    if class_agnostic:
        label_dict = {
            ann['label']: 0
            for record in database.values()
            for ann in record['annotations']
        }
        if num_classes not in (None, 1):
            raise AnnotationError(
                f'{path}: class-agnostic localization has one '
                f'class, but num_classes is {num_classes}')
        return label_dict
    if classes is not None:
        label_dict = {name: i for i, name in enumerate(classes)}
    else:
        label_dict = {}
        for video, record in database.items():
            for ann in record['annotations']:
                if 'label_id' not in ann:
                    raise AnnotationError(
                        f'{path}: video {video}: annotation without '
                        f'"label_id"; give the class list (classes=...)')
                known = label_dict.setdefault(ann['label'],
                                              int(ann['label_id']))
                if known != int(ann['label_id']):
                    raise AnnotationError(
                        f'{path}: video {video}: label {ann["label"]!r} has '
                        f'label_id {ann["label_id"]} here and {known} '
                        f'elsewhere')
    if num_classes is not None:
        ids = set(label_dict.values())
        if len(label_dict) > num_classes or (ids and max(ids) >= num_classes):
            raise AnnotationError(
                f'{path}: {len(label_dict)} classes with ids '
                f'up to {max(ids)}, more than num_classes '
                f'{num_classes}')
        if len(ids) < num_classes:
            empty = sorted(set(range(num_classes)) - ids)
            warnings.warn(f'{path}: classes {empty[:20]} have no '
                          f'annotation; set the head\'s empty_classes to '
                          f'them (the reference does so automatically)')
    return label_dict


def select_videos(database: Dict[str, dict],
                  subsets: Union[str, Sequence[str]]) -> List[str]:
    """Videos whose ``subset`` (compared lower-case) is one of
    ``subsets``, in file order."""
    wanted = {subsets.lower()} if isinstance(
        subsets, str) else {s.lower()
                            for s in subsets}
    return [v for v, r in database.items() if r['subset'].lower() in wanted]


def video_ground_truth(video: str, record: dict, label_dict: Dict[str, int],
                       path: str) -> Tuple[np.ndarray, np.ndarray]:
    """One video's segments (N, 2) in seconds and class indices (N,).

    A label missing from the classes is an error. Segments with end ≤ start
    are dropped and segments reaching outside [0, duration] are clipped,
    each with a warning naming the video.
    """
    labels = []
    for ann in record['annotations']:
        if ann['label'] not in label_dict:
            raise AnnotationError(
                f'{path}: video {video}: label {ann["label"]!r} '
                f'is not in the class list')
        labels.append(label_dict[ann['label']])
    raw = np.asarray([ann['segment'] for ann in record['annotations']],
                     dtype=np.float64).reshape(-1, 2)
    duration = record.get('duration')
    segments, clipped = clip_segments(raw, duration)
    if clipped.any():
        warnings.warn(f'{path}: video {video}: segments '
                      f'{raw[clipped].tolist()[:5]} reach outside [0, '
                      f'{duration}] s; clipped')
    keep = segments[:, 1] > segments[:, 0]
    if not keep.all():
        warnings.warn(f'{path}: video {video}: segments '
                      f'{segments[~keep].tolist()[:5]} have end <= start; '
                      'dropped')
    return segments[keep], np.asarray(labels, dtype=np.int64)[keep]


def _results_videos(path: str, results: Dict[str, list],
                    database: Optional[Dict[str, dict]],
                    subsets) -> List[str]:
    """The predicted videos to score: a video the annotation file does not
    have is an error (wrong ids or wrong file); one of another subset is
    ignored with a warning."""
    if database is None:
        return list(results)
    unknown = [v for v in results if v not in database]
    if unknown:
        raise AnnotationError(
            f'{path}: {len(unknown)} of {len(results)} predicted videos are '
            f'not in the annotation file: {first_items(unknown)} (wrong '
            'file, or video ids with a different prefix?)')
    wanted = set(select_videos(database, subsets))
    other = [v for v in results if v not in wanted]
    if other:
        warnings.warn(f'{path}: ignored detections on {len(other)} videos '
                      f'outside subset {subsets}: {first_items(other)}')
    return [v for v in results if v in wanted]


def _label_index(label, label_dict: Dict[str, int], ids: set):
    """Class index of a detection's label (a name or a known id), else
    None."""
    if isinstance(label, str) and label in label_dict:
        return label_dict[label]
    if isinstance(label, int) and label in ids:
        return label
    return None


def _plain_detections(detections: list):
    """Segments, scores and labels of one video's detections when every one
    passes the per-detection checks, checked on whole arrays (JSON numbers
    are exactly ``int`` and ``float``); None when any needs the
    per-detection path, which names the problem."""
    try:
        bounds = [det['segment'] for det in detections]
        values = [det['score'] for det in detections]
        names = [det['label'] for det in detections]
    except (TypeError, KeyError):
        return None
    number = {int, float}
    if not ({type(b) for b in bounds} <= {list}
            and all(len(b) == 2 for b in bounds)
            and {type(x) for b in bounds for x in b} <= number
            and {type(x) for x in values} <= number
            and {type(d) for d in detections} <= {dict}):
        return None
    try:
        array = np.array(bounds, dtype=np.float64).reshape(-1, 2)
        scores = np.array(values, dtype=np.float64)
    except OverflowError:
        return None
    if not (np.isfinite(array).all() and np.isfinite(scores).all()
            and (array[:, 1] >= array[:, 0]).all()):
        return None
    return array.tolist(), scores.tolist(), names


def load_activitynet_results(
        path: str,
        label_dict: Dict[str, int],
        database: Optional[Dict[str, dict]] = None,
        subsets: Union[str, Sequence[str]] = ()) -> Dict[str, np.ndarray]:
    """Read a results file into detection-mAP arrays (``video``,
    ``segments`` (N, 2) s, ``labels``, ``scores``).

    Labels may be names or integer class ids; labels of no known class are
    ignored with a warning (they cannot match any ground truth). A score or
    segment bound that is not a finite number, and a segment with end <
    start, are errors naming the video and detection. With ``database``
    (the annotations), videos it lacks are an error and videos outside
    ``subsets`` are ignored with a warning.
    """
    with _collector_paused():
        content = load_json(path, 'prediction file')
    if not isinstance(content, dict) or not isinstance(
            content.get('results'), dict):
        raise AnnotationError(
            f'{path}: expected {{"results": {{video: [...]}}}}')
    videos, segments, labels, scores = [], [], [], []
    unknown = set()
    ids = set(label_dict.values())
    for video in _results_videos(path, content['results'], database,
                                 subsets):
        detections = check_list(content['results'][video],
                                f'{path}: video {video}', 'the detections')
        fast = _plain_detections(detections)
        if fast is not None:
            bounds, values, names = fast
            for label, bound, score in zip(names, bounds, values):
                index = _label_index(label, label_dict, ids)
                if index is None:
                    unknown.add(label)
                    continue
                videos.append(video)
                segments.append(bound)
                labels.append(index)
                scores.append(score)
            continue
        for i, det in enumerate(detections):
            where = f'{path}: video {video}: detection {i}'
            if not isinstance(det, dict) or not {'segment', 'label',
                                                 'score'} <= set(det):
                raise AnnotationError(
                    f'{where} needs "segment" [start, end], "label" and '
                    f'"score", got {describe(det)}')
            start, end = check_segment(det['segment'], where)
            if end < start:
                raise AnnotationError(f'{where}: segment [{start}, {end}] '
                                      'ends before it starts')
            score = check_number(det['score'], where, 'score')
            label = det['label']
            index = _label_index(label, label_dict, ids)
            if index is None:
                unknown.add(label)
                continue
            videos.append(video)
            segments.append((start, end))
            labels.append(index)
            scores.append(score)
    if unknown:
        warnings.warn(f'{path}: ignored detections with labels not in the '
                      f'annotation classes: {sorted(map(str, unknown))[:10]}')
    return dict(
        video=np.asarray(videos, dtype=object),
        segments=np.asarray(segments, dtype=np.float64).reshape(-1, 2),
        labels=np.asarray(labels, dtype=np.int64),
        scores=np.asarray(scores, dtype=np.float64))


def write_activitynet_results(path: str, results: Sequence[Mapping],
                              names: Mapping[int, str]) -> None:
    """Write per-video detections (``video``, ``segments`` (N, 2) s,
    ``scores``, ``labels``) as a results file, atomically; labels are
    written by name (``names``), or as the index when unnamed. Numbers keep
    their full precision: rounded boundaries would move segments across a
    tIoU threshold, and the file would no longer score what was tested."""
    content = dict(
        results={
            r['video']: [
                dict(
                    segment=[float(s), float(e)],
                    label=names.get(int(label), str(int(label))),
                    score=float(score)) for (s, e), score, label in zip(
                        r['segments'], r['scores'], r['labels'])
            ]
            for r in results
        })
    with atomic_write(path) as f:
        json.dump(content, f)
