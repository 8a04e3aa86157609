"""IBM-style frame list files (``IBM/action-recognition-pytorch``).

Each line is ``relative/path start_frame end_frame [label]`` separated by
spaces (SSv2, Moments) or ``;`` (Kinetics); test lists may omit the label
(it becomes -1). Frames are numbered from ``start_frame`` to ``end_frame``
inclusive.
"""
import warnings
from typing import List, Optional

from .checks import first_items
from .file_io import AnnotationError, read_lines

__all__ = ['parse_frame_list_line', 'read_frame_list']


def parse_frame_list_line(line: str, where: str,
                          num_classes: Optional[int] = None) -> dict:
    """``{path, start, end, label}`` of one line; ``where`` (file:line)
    starts every error message."""
    fields = line.strip().split(';' if ';' in line else None)
    if len(fields) not in (3, 4):
        raise AnnotationError(
            f'{where}: expected "path start end [label]", got '
            f'{line.strip()!r}' +
            (' (multi-label lists are not supported)'
             if len(fields) > 4 else ''))
    try:
        start, end = int(fields[1]), int(fields[2])
        label = int(fields[3]) if len(fields) == 4 else -1
    except ValueError:
        raise AnnotationError(f'{where}: start, end and label must be '
                              f'integers, got {line.strip()!r}') from None
    if start < 0:
        raise AnnotationError(f'{where}: start frame {start} is negative')
    if start > end:
        raise AnnotationError(f'{where}: start frame {start} > end frame '
                              f'{end}')
    if len(fields) == 4 and num_classes is not None and \
            not 0 <= label < num_classes:
        raise AnnotationError(f'{where}: label {label} is outside 0..'
                              f'{num_classes - 1}')
    return dict(path=fields[0], start=start, end=end, label=label)


def read_frame_list(path: str,
                    num_classes: Optional[int] = None) -> List[dict]:
    """Every non-blank line of a list file, parsed (see
    :func:`parse_frame_list_line`), with its 1-based ``line`` number. An
    empty list is an error; a line repeating an earlier one's frames (it
    would count twice) is warned about."""
    items, seen, repeated = [], {}, []
    for number, line in enumerate(read_lines(path, 'list file'), 1):
        if not line.strip():
            continue
        item = parse_frame_list_line(line, f'{path}:{number}', num_classes)
        key = (item['path'], item['start'], item['end'])
        if key in seen:
            repeated.append(f'{number} (= line {seen[key]})')
        seen.setdefault(key, number)
        items.append(dict(item, line=number))
    if not items:
        raise AnnotationError(f'{path}: no videos listed')
    if repeated:
        warnings.warn(f'{path}: lines {first_items(repeated)} list the '
                      'same frames as an earlier line; they count twice')
    return items
