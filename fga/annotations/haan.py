"""HAAN's annotation files: ``video_names.npy``, ``labels.npy`` ([coarse,
fine] pairs per instance), ``segments.npy`` (seconds), ``sec2clip_ratios.npy``
and ``fine_to_coarse_mappings.json`` in one folder, or the ActivityNet-style
JSON that ``tools/data/haan/convert_annotations.py`` writes from them."""
import os.path as osp
import re
from typing import Dict, List, Optional, Tuple

import numpy as np

from .file_io import AnnotationError, load_json, read_lines
from .npy import load_npy

__all__ = [
    'load_haan_annotations', 'haan_to_activitynet', 'read_gym99_event_ids',
    'class_balance_weights'
]

FILES = ('video_names.npy', 'labels.npy', 'segments.npy',
         'sec2clip_ratios.npy', 'fine_to_coarse_mappings.json')


def _fine_to_coarse(mapping, source: str) -> Dict[int, int]:
    """``{fine: coarse}`` with integer ids; errors name ``source``."""
    if not isinstance(mapping, dict):
        raise AnnotationError(f'{source}: the fine-to-coarse mapping must be '
                              f'an object {{"fine id": coarse id}}, got '
                              f'{type(mapping).__name__}')
    try:
        return {int(k): int(v) for k, v in mapping.items()}
    except (TypeError, ValueError):
        raise AnnotationError(f'{source}: fine-to-coarse ids must be '
                              'integers') from None


def _exists(path: str) -> bool:
    return osp.isfile(path) or osp.isfile(path + '.gz')


def _load_npy_folder(folder: str) -> dict:
    missing = [f for f in FILES if not _exists(osp.join(folder, f))]
    if missing:
        raise FileNotFoundError(f'{folder}: missing HAAN annotation files '
                                f'{missing}')
    arrays = {
        name: load_npy(osp.join(folder, name), 'HAAN annotation file')
        for name in FILES[:4]
    }
    mapping = _fine_to_coarse(
        load_json(osp.join(folder, FILES[4]), 'fine-to-coarse mapping'),
        osp.join(folder, FILES[4]))
    names = [str(n) for n in arrays['video_names.npy']]
    count = len(names)
    for name in FILES[1:4]:
        if len(arrays[name]) != count:
            raise AnnotationError(
                f'{osp.join(folder, name)}: {len(arrays[name])} '
                f'entries, video_names.npy has {count}')
    videos = []
    for i, name in enumerate(names):
        pairs = np.asarray(arrays['labels.npy'][i], dtype=np.int64)
        segments = np.asarray(arrays['segments.npy'][i], dtype=np.float64)
        if pairs.ndim != 2 or pairs.shape[1] != 2:
            raise AnnotationError(
                f'{folder}: video {name}: labels must be '
                f'[coarse, fine] pairs, got shape {pairs.shape}')
        if segments.shape != (len(pairs), 2):
            raise AnnotationError(
                f'{folder}: video {name}: {len(pairs)} labels '
                f'but segments of shape {segments.shape}')
        videos.append(
            dict(
                video_id=name,
                coarse=pairs[:, 0],
                fine=pairs[:, 1],
                segments=segments,
                sec2clip=float(arrays['sec2clip_ratios.npy'][i])))
    return dict(videos=videos, fine_to_coarse=mapping, subsets=None)


def _load_json(path: str) -> dict:
    content = load_json(path)
    if not isinstance(content, dict) or 'database' not in content or \
            'fine_to_coarse' not in content:
        raise AnnotationError(
            f'{path}: expected "fine_to_coarse" and "database" '
            '(tools/data/haan/convert_annotations.py output)')
    videos, subsets = [], []
    for name, record in content['database'].items():
        anns = record.get('annotations', [])
        try:
            videos.append(
                dict(
                    video_id=name,
                    coarse=np.array([a['coarse_label_id'] for a in anns],
                                    dtype=np.int64),
                    fine=np.array([a['label_id'] for a in anns],
                                  dtype=np.int64),
                    segments=np.array([a['segment'] for a in anns],
                                      dtype=np.float64).reshape(-1, 2),
                    sec2clip=float(record['sec2clip'])))
        except (KeyError, TypeError, ValueError) as err:
            raise AnnotationError(f'{path}: video {name}: malformed record '
                                  f'({err!r})') from None
        subsets.append(record['subset'].lower())
    mapping = _fine_to_coarse(content['fine_to_coarse'], path)
    return dict(videos=videos, fine_to_coarse=mapping, subsets=subsets)


def load_haan_annotations(path: str,
                          num_classes: Optional[int] = None) -> dict:
    """``videos`` (dicts with ``video_id``, ``coarse``, ``fine``,
    ``segments`` (N, 2) s, ``sec2clip``), ``fine_to_coarse`` {fine: coarse}
    and ``subsets`` (per video, JSON only). Label pairs must agree with the
    mapping and lie below ``num_classes``."""
    data = _load_json(path) if path.endswith('.json') else _load_npy_folder(
        path)
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
