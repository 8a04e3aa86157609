"""F3ED prediction files: ``[{"video", "num_frames", "stride", "events":
[{"frame", "label", "elements": [names], "score"}]}]`` (``frame`` a raw
video frame; ``time`` in seconds may be added where the frame rate is
known; the field names of the other ``--dump`` files and of
``tools/infer.py``), what ``tools/test.py --dump`` writes for F3ED and
``tools/analysis_tools/eval_f3ed.py`` reads. The elements are the
prediction; ``label`` is their event's name."""
import json
from typing import Dict, List, Sequence, Tuple

import numpy as np

from fga.utils.atomic_files import atomic_write
from .checks import check_integer, check_list, check_object, check_text
from .f3set import ElementGroups
from .file_io import AnnotationError, load_json

__all__ = ['load_f3ed_predictions', 'write_f3ed_predictions']


def write_f3ed_predictions(path: str, records: Sequence[dict]) -> None:
    """Write the records (see the module doc) atomically."""
    with atomic_write(path) as f:
        json.dump(list(records), f)


def load_f3ed_predictions(
        path: str, groups: ElementGroups
) -> Dict[str, Tuple[int, List[Tuple[int, np.ndarray, float]]]]:
    """Read a prediction file.

    Returns:
        video -> (stride, [(raw frame, elements (E,), score)]).
    """
    records = load_json(path, 'prediction file')
    if not isinstance(records, list):
        raise AnnotationError(f'{path}: expected a JSON list of predictions')
    index = {n: i for i, n in enumerate(groups.elements)}
    out = {}
    for i, record in enumerate(records):
        check_object(record, f'{path}: entry {i}', 'a prediction')
        for key in ('video', 'stride', 'events'):
            if key not in record:
                raise AnnotationError(f'{path}: entry {i} lacks "{key}"')
        video = check_text(record['video'], f'{path}: entry {i}', '"video"')
        where = f'{path}: video {video}'
        if video in out:
            raise AnnotationError(f'{where} is predicted twice')
        stride = check_integer(record['stride'], where, '"stride"',
                               minimum=1)
        events = []
        for j, event in enumerate(check_list(record['events'], where,
                                             '"events"')):
            at = f'{where}: event {j}'
            check_object(event, at, 'an event')
            frame = check_integer(event.get('frame'), at, '"frame"',
                                  minimum=0)
            names = check_list(event.get('elements'), at, '"elements"')
            unknown = [n for n in names if n not in index]
            if unknown:
                raise AnnotationError(f'{at}: elements {unknown} are not in '
                                      'elements.txt')
            vector = np.zeros(len(index), dtype=np.int64)
            vector[[index[n] for n in names]] = 1
            score = event.get('score', 1.0)
            if isinstance(score, bool) or not isinstance(score, (int, float)):
                raise AnnotationError(f'{at}: "score" must be a number')
            events.append((frame, vector, float(score)))
        out[video] = (stride, events)
    return out
