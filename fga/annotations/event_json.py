"""Reading and checking F3AST-format event annotations (split JSON), and
turning a video's events into its ground-truth label sequence. The class
vocabulary is :mod:`fga.annotations.vocabulary`.
"""
import warnings
from typing import Dict, List, Sequence

import numpy as np

from .checks import (check_integer, check_list, check_object, check_text,
                     describe)
from .file_io import AnnotationError, load_json

__all__ = [
    'load_event_annotations', 'validate_event_records', 'ground_truth_sequence'
]


def load_event_annotations(path: str,
                           class_names: Sequence[str]) -> List[dict]:
    """Load and check a split JSON; see :func:`validate_event_records`."""
    return validate_event_records(load_json(path), class_names, path)


def validate_event_records(records, class_names: Sequence[str],
                           source: str) -> List[dict]:
    """Check records ``{video, num_frames, events: [{frame, label}]}``.

    Errors (naming ``source`` and the video): not a list of objects, missing
    keys, duplicate videos, a negative or non-integer frame, a label not in
    ``class_names``. Warnings: an event at or past ``num_frames`` (dropped,
    as the reference does) and unsorted events (stably sorted by frame; the
    file order stays in ``json_events`` for reference-compatible binning).

    Returns:
        New records with ``events`` sorted and ``json_events`` added.
    """
    if not isinstance(records, list):
        raise AnnotationError(f'{source}: expected a JSON list of videos, got '
                              f'{type(records).__name__}')
    known = set(class_names)
    seen = set()
    out = []
    for i, record in enumerate(records):
        check_object(record, f'{source}: entry {i}', 'a video record')
        for key in ('video', 'num_frames', 'events'):
            if key not in record:
                raise AnnotationError(
                    f'{source}: entry {i} '
                    f'({record.get("video", "?")}) lacks "{key}"')
        video = check_text(record['video'], f'{source}: entry {i}',
                           '"video"')
        where = f'{source}: video {video}'
        if video in seen:
            raise AnnotationError(f'{source}: video {video} appears twice')
        seen.add(video)
        num_frames = check_integer(record['num_frames'], where,
                                   '"num_frames"', minimum=1)
        events = []
        for j, event in enumerate(
                check_list(record['events'], where, '"events"')):
            check_object(event, f'{where}: event {j}', '{frame, label}')
            frame, label = event.get('frame'), event.get('label')
            if isinstance(frame, bool) or not isinstance(frame, int) or \
                    frame < 0:
                raise AnnotationError(
                    f'{where} has an event with '
                    f'frame {describe(frame)}; expected an integer >= 0')
            if label not in known:
                raise AnnotationError(
                    f'{where} frame {frame}: '
                    f'label {describe(label)} is not in classes.txt')
            if frame >= num_frames:
                warnings.warn(f'{where}: event {label!r} at '
                              f'frame {frame} >= num_frames {num_frames}; '
                              'dropped')
                continue
            events.append(event)
        frames = [e['frame'] for e in events]
        ordered = sorted(events, key=lambda e: e['frame'])
        if frames != sorted(frames):
            warnings.warn(f'{source}: video {video}: events are not sorted by '
                          'frame; sorting them')
        out.append(dict(record, events=ordered, json_events=events))
    return out


def ground_truth_sequence(record: dict,
                          class_to_index: Dict[str, int],
                          stride: int = 1,
                          reference_compat: bool = False) -> np.ndarray:
    """Ground-truth class indices of one video, in time order.

    Clean: every event, sorted by frame. Reference-compatible: events are
    written in file order into ``num_frames // stride`` bins, so events
    sharing a bin merge (the later in the file wins); events in the trailing
    partial bin are dropped (the reference indexes past the end there).
    """
    if not reference_compat:
        return np.array([class_to_index[e['label']] for e in record['events']],
                        dtype=np.int64)
    bins = np.full(record['num_frames'] // stride, -1, dtype=np.int64)
    for event in record['json_events']:
        b = event['frame'] // stride
        if b < len(bins):
            bins[b] = class_to_index[event['label']]
    return bins[bins >= 0]
