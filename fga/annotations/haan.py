"""HAAN's annotation files: ``video_names.npy``, ``labels.npy`` ([coarse,
fine] pairs per instance), ``segments.npy`` (seconds), ``sec2clip_ratios.npy``
and ``fine_to_coarse_mappings.json`` in one folder, or the ActivityNet-style
JSON that ``tools/data/haan/convert_annotations.py`` writes from them."""
import os.path as osp
import re
import warnings
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .checks import (check_integer, check_list, check_number, check_object,
                     check_segment, check_text, clip_segments, describe,
                     first_items)
from .file_io import AnnotationError, load_json, read_lines
from .npy import load_npy

__all__ = [
    'load_haan_annotations', 'clip_to_videos', 'haan_to_activitynet',
    'read_gym99_event_ids', 'class_balance_weights'
]

FILES = ('video_names.npy', 'labels.npy', 'segments.npy',
         'sec2clip_ratios.npy', 'fine_to_coarse_mappings.json')


def _fine_to_coarse(mapping, source: str) -> Dict[int, int]:
    """``{fine: coarse}`` with integer ids; errors name ``source``."""
    if not isinstance(mapping, dict):
        raise AnnotationError(f'{source}: the fine-to-coarse mapping must be '
                              f'an object {{"fine id": coarse id}}, got '
                              f'{describe(mapping)}')
    out = {}
    for key, value in mapping.items():
        try:
            fine = int(key)
        except ValueError:
            fine = None
        if fine is None or fine < 0 or isinstance(value, bool) or \
                not isinstance(value, int) or value < 0:
            raise AnnotationError(
                f'{source}: fine-to-coarse entry {key!r}: {describe(value)} '
                'must map a fine id to a coarse id (integers >= 0)')
        out[fine] = value
    return out


def _exists(path: str) -> bool:
    return osp.isfile(path) or osp.isfile(path + '.gz')


def _integers(value, where: str, what: str) -> np.ndarray:
    """``value`` as int64, refusing non-numbers and fractions (a cast
    would truncate 3.5 to 3)."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AnnotationError(f'{where}: {what} must be integers, got '
                              f'{describe(value)}') from None
    if not np.isfinite(array).all() or (array != np.round(array)).any():
        raise AnnotationError(f'{where}: {what} must be integers, got '
                              f'{array.tolist()[:6]}')
    return array.astype(np.int64)


def _seconds(value, where: str, count: int) -> np.ndarray:
    """(count, 2) finite segment bounds in seconds."""
    try:
        segments = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AnnotationError(f'{where}: segments must be numbers, got '
                              f'{describe(value)}') from None
    if segments.size == 0 and count == 0:
        segments = segments.reshape(0, 2)
    if segments.shape != (count, 2):
        raise AnnotationError(f'{where}: {count} labels but segments of '
                              f'shape {segments.shape}')
    if not np.isfinite(segments).all():
        raise AnnotationError(f'{where}: segments '
                              f'{segments[~np.isfinite(segments).all(1)]}'
                              ' are not finite numbers')
    return segments


def _sec2clip(value, where: str) -> float:
    """Clips per second: a finite number > 0 (0 or NaN would put every
    prediction at time 0 or nowhere)."""
    if isinstance(value, np.generic):
        value = value.item()
    return check_number(value, where, 'sec2clip', positive=True)


def _video(name, pairs, segments, sec2clip, where: Dict[str, str]) -> dict:
    """One video's record from its raw values; ``where`` names the file
    each value came from (labels, segments, sec2clip)."""
    pairs = _integers(pairs, where['labels'], '[coarse, fine] label pairs')
    if pairs.size == 0:
        pairs = pairs.reshape(0, 2)
    if pairs.ndim != 2 or pairs.shape[1] != 2:
        raise AnnotationError(
            f'{where["labels"]}: labels must be [coarse, fine] pairs, got '
            f'shape {pairs.shape}')
    return dict(
        video_id=name,
        coarse=pairs[:, 0],
        fine=pairs[:, 1],
        segments=_seconds(segments, where['segments'], len(pairs)),
        sec2clip=_sec2clip(sec2clip, where['sec2clip']))


def _load_npy_folder(folder: str) -> dict:
    missing = [f for f in FILES if not _exists(osp.join(folder, f))]
    if missing:
        raise FileNotFoundError(f'{folder}: missing HAAN annotation files '
                                f'{missing}')
    paths = {name: osp.join(folder, name) for name in FILES}
    arrays = {
        name: load_npy(paths[name], 'HAAN annotation file')
        for name in FILES[:4]
    }
    mapping = _fine_to_coarse(
        load_json(paths[FILES[4]], 'fine-to-coarse mapping'), paths[FILES[4]])
    for name in FILES[:4]:
        if arrays[name].ndim != 1:
            raise AnnotationError(f'{paths[name]}: expected one entry per '
                                  f'video, got shape {arrays[name].shape}')
    names = []
    for i, name in enumerate(arrays['video_names.npy']):
        names.append(
            check_text(name.item() if isinstance(name, np.generic) else name,
                       f'{paths["video_names.npy"]}: entry {i}',
                       'the video name'))
    repeated = sorted({n for n in names if names.count(n) > 1}) \
        if len(set(names)) != len(names) else []
    if repeated:
        raise AnnotationError(f'{paths["video_names.npy"]}: videos '
                              f'{first_items(repeated)} appear twice')
    count = len(names)
    for name in FILES[1:4]:
        if len(arrays[name]) != count:
            raise AnnotationError(
                f'{paths[name]}: {len(arrays[name])} '
                f'entries, video_names.npy has {count}')
    videos = [
        _video(
            name, arrays['labels.npy'][i], arrays['segments.npy'][i],
            arrays['sec2clip_ratios.npy'][i], {
                'labels': f'{paths["labels.npy"]}: video {name}',
                'segments': f'{paths["segments.npy"]}: video {name}',
                'sec2clip': f'{paths["sec2clip_ratios.npy"]}: video {name}'
            }) for i, name in enumerate(names)
    ]
    return dict(videos=videos, fine_to_coarse=mapping, subsets=None)


def _load_json(path: str) -> dict:
    content = load_json(path)
    if not isinstance(content, dict) or 'database' not in content or \
            'fine_to_coarse' not in content:
        raise AnnotationError(
            f'{path}: expected "fine_to_coarse" and "database" '
            '(tools/data/haan/convert_annotations.py output)')
    check_object(content['database'], path, '"database"')
    videos, subsets = [], []
    for name, record in content['database'].items():
        where = f'{path}: video {name}'
        check_object(record, where, 'the record')
        for key in ('subset', 'sec2clip'):
            if key not in record:
                raise AnnotationError(f'{where}: missing "{key}"')
        anns = check_list(record.get('annotations', []), where,
                          '"annotations"')
        for i, ann in enumerate(anns):
            check_object(ann, f'{where}: annotation {i}', 'an annotation')
            for key in ('coarse_label_id', 'label_id', 'segment'):
                if key not in ann:
                    raise AnnotationError(
                        f'{where}: annotation {i} lacks "{key}"')
            check_segment(ann['segment'], f'{where}: annotation {i}')
            for key in ('coarse_label_id', 'label_id'):
                check_integer(ann[key], f'{where}: annotation {i}',
                              f'"{key}"', minimum=0)
        videos.append(
            _video(name, [[a['coarse_label_id'], a['label_id']]
                          for a in anns], [a['segment'] for a in anns],
                   record['sec2clip'], dict.fromkeys(
                       ('labels', 'segments', 'sec2clip'), where)))
        subsets.append(check_text(record['subset'], where,
                                  '"subset"').lower())
    mapping = _fine_to_coarse(content['fine_to_coarse'], path)
    return dict(videos=videos, fine_to_coarse=mapping, subsets=subsets)


def clip_to_videos(videos: List[dict], durations: Sequence[Optional[float]],
                   source: str) -> None:
    """Clip every video's ``segments`` to [0, duration] in place (to
    [0, inf) where the duration is unknown), with one warning naming the
    videos whose ground truth reached outside them."""
    outside = []
    for video, duration in zip(videos, durations):
        video['segments'], changed = clip_segments(video['segments'],
                                                   duration)
        if changed.any():
            outside.append(video['video_id'])
    if outside:
        warnings.warn(f'{source}: {len(outside)} videos have segments '
                      'reaching outside the video (before 0 s or past its '
                      f'features); clipped: {first_items(outside)}')


def load_haan_annotations(path: str,
                          num_classes: Optional[int] = None) -> dict:
    """``videos`` (dicts with ``video_id``, ``coarse``, ``fine``,
    ``segments`` (N, 2) s, ``sec2clip``), ``fine_to_coarse`` {fine: coarse}
    and ``subsets`` (per video, JSON only). Label pairs must agree with the
    mapping and lie below ``num_classes``; ``sec2clip`` must be a number
    > 0 and segment bounds finite; segments starting before 0 s are
    clipped with a warning (:func:`clip_to_videos` clips them to the
    video's length where that is known)."""
    data = _load_json(path) if path.endswith(
        ('.json', '.json.gz')) else _load_npy_folder(path)
    clip_to_videos(data['videos'], [None] * len(data['videos']), path)
    mapping = data['fine_to_coarse']
    for video in data['videos']:
        for coarse, fine in zip(video['coarse'], video['fine']):
            if fine not in mapping or (num_classes is not None
                                       and fine >= num_classes):
                raise AnnotationError(
                    f'{path}: video {video["video_id"]}: fine '
                    f'label {fine} is not a known class')
            if mapping[fine] != coarse:
                raise AnnotationError(
                    f'{path}: video {video["video_id"]}: pair '
                    f'[{coarse}, {fine}] contradicts '
                    f'fine_to_coarse ({fine} -> '
                    f'{mapping[fine]})')
    return data


def haan_to_activitynet(data: dict, num_training_videos: int) -> dict:
    """The converter's JSON: the first ``num_training_videos`` videos are
    ``training``, the rest ``testing``; labels are ``fine_<id>`` with
    ``label_id`` (fine) and ``coarse_label_id``."""
    database = {}
    for i, video in enumerate(data['videos']):
        database[video['video_id']] = dict(
            subset='training' if i < num_training_videos else 'testing',
            sec2clip=video['sec2clip'],
            annotations=[
                dict(
                    label=f'fine_{f}',
                    label_id=int(f),
                    coarse_label_id=int(c),
                    segment=[float(s), float(e)]) for c, f, (s, e) in zip(
                        video['coarse'], video['fine'], video['segments'])
            ])
    return dict(
        fine_to_coarse={
            str(k): v
            for k, v in sorted(data['fine_to_coarse'].items())
        },
        database=database)


_GYM99_LINE = re.compile(r'^(?P<event>.+_E_\d+_\d+)_A_\d+_\d+\s+\d+$')


def read_gym99_event_ids(path: str) -> List[str]:
    """Event ids (``<ytid>_E_<start>_<end>``) of a Gym99 element list, in
    first-appearance order."""
    events: Dict[str, None] = {}
    for number, line in enumerate(read_lines(path, 'Gym99 element list'), 1):
        if not line.strip():
            continue
        match = _GYM99_LINE.match(line.strip())
        if not match:
            raise AnnotationError(f'{path}:{number}: expected '
                                  f'"<ytid>_E_<s>_<e>_A_<s>_<e> <label>", '
                                  f'got {line.strip()!r}')
        events[match['event']] = None
    return list(events)


def class_balance_weights(labels: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """HAAN's per-class BCE weights from the training videos' multi-hot
    labels (N, C): positives get C / #videos with the class, negatives
    C / #videos without it.

    Returns:
        (positive weights (C,), negative weights (C,)); a class that is
        never (or always) present gets weight 0 on the empty side instead
        of the reference's division by zero.
    """
    labels = np.asarray(labels, dtype=np.float64)
    num_videos, num_classes = labels.shape
    positives = labels.sum(0)
    negatives = num_videos - positives
    with np.errstate(divide='ignore'):
        pos = np.where(positives > 0, num_classes / positives, 0.0)
        neg = np.where(negatives > 0, num_classes / negatives, 0.0)
    return pos, neg
