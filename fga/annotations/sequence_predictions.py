"""Sequence prediction files: ``[{"video", "labels": [names in order],
"scores": [[one probability per class] per label]}]`` (``scores`` optional:
one-hot), what ``tools/test.py --dump`` writes for sequence models and
``tools/analysis_tools/eval_sequences.py`` reads."""
import json
from typing import Dict, List, Sequence, Tuple

import numpy as np

from fga.utils.atomic_files import atomic_write
from .checks import check_list, check_text, describe
from .file_io import AnnotationError, load_json

__all__ = ['load_sequence_predictions', 'write_sequence_predictions']


def load_sequence_predictions(
        path: str,
        class_names: List[str]) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """Read a prediction file.

    Returns:
        video -> (class indices (k,), probability rows (k, C)); rows are
        one-hot when ``scores`` is absent.
    """
    records = load_json(path, 'prediction file')
    if not isinstance(records, list):
        raise AnnotationError(f'{path}: expected a JSON list of predictions')
    index = {n: i for i, n in enumerate(class_names)}
    num_classes = len(class_names)
    out = {}
    for i, record in enumerate(records):
        if not isinstance(record, dict) or 'video' not in record or \
                'labels' not in record:
            raise AnnotationError(
                f'{path}: entry {i} needs "video" and "labels"')
        video = check_text(record['video'], f'{path}: entry {i}', '"video"')
        if video in out:
            raise AnnotationError(f'{path}: video {video} is predicted twice')
        names = check_list(record['labels'], f'{path}: video {video}',
                           '"labels"')
        unknown = [n for n in names if not isinstance(n, str)
                   or n not in index]
        if unknown:
            raise AnnotationError(f'{path}: video {video}: labels {unknown} '
                                  'are not in the class list')
        labels = np.array([index[n] for n in record['labels']], dtype=np.int64)
        if record.get('scores') is None:
            scores = np.eye(num_classes)[labels]
        else:
            try:
                scores = np.asarray(record['scores'], dtype=np.float64)
            except (TypeError, ValueError):
                raise AnnotationError(
                    f'{path}: video {video}: scores must be rows of '
                    f'numbers, got {describe(record["scores"])}') from None
            if scores.size == 0 and len(labels) == 0:
                # JSON writes an empty (0, C) array as a bare [].
                scores = scores.reshape(0, num_classes)
            if scores.shape != (len(labels), num_classes):
                raise AnnotationError(
                    f'{path}: video {video}: scores have shape '
                    f'{scores.shape}, expected ({len(labels)}, {num_classes})'
                    ' (one row per label, one probability per class)')
            if not np.isfinite(scores).all():
                raise AnnotationError(f'{path}: video {video}: scores '
                                      'contain NaN or Inf')
        out[video] = (labels, scores.reshape(len(labels), num_classes))
    return out


def write_sequence_predictions(path: str, videos: Sequence[str],
                               labels: Sequence[np.ndarray],
                               scores: Sequence[np.ndarray],
                               class_names: Sequence[str]) -> None:
    """Write per-video class indices (k,) and probability rows (k, C) in
    the format :func:`load_sequence_predictions` reads, atomically."""
    records = [
        dict(
            video=video,
            labels=[class_names[i] for i in pred],
            scores=np.round(score, 6).tolist())
        for video, pred, score in zip(videos, labels, scores)
    ]
    with atomic_write(path) as f:
        json.dump(records, f)
