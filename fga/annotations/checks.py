"""Checks of the values read from annotation and prediction files.

Each returns the value in the type the readers use, or raises an
:class:`~fga.annotations.file_io.AnnotationError` whose message starts with
``where`` (the file, and the video or line) and says what was expected and
what was found.
"""
import math
from typing import Any, List, Optional, Tuple

import numpy as np

from .file_io import AnnotationError

__all__ = [
    'describe', 'check_object', 'check_list', 'check_text', 'check_integer',
    'check_number', 'check_segment', 'first_items', 'clip_segments'
]


def describe(value: Any) -> str:
    """How a JSON value reads in an error message (``null``, ``a list``,
    ``'thirty'``, ...)."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return f'a list {list(value)!r}' if len(value) < 6 else 'a list'
    if isinstance(value, dict):
        return 'an object'
    return repr(value)


def check_object(value: Any, where: str, what: str) -> dict:
    if not isinstance(value, dict):
        raise AnnotationError(f'{where}: {what} must be an object, got '
                              f'{describe(value)}')
    return value


def check_list(value: Any, where: str, what: str) -> list:
    if not isinstance(value, list):
        raise AnnotationError(f'{where}: {what} must be a list, got '
                              f'{describe(value)}')
    return value


def check_text(value: Any, where: str, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise AnnotationError(f'{where}: {what} must be a non-empty string, '
                              f'got {describe(value)}')
    return value


def check_integer(value: Any, where: str, what: str,
                  minimum: int = None) -> int:
    """An integer (not a bool, not a float) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnnotationError(f'{where}: {what} must be an integer, got '
                              f'{describe(value)}')
    if minimum is not None and value < minimum:
        raise AnnotationError(f'{where}: {what} is {value}, expected an '
                              f'integer >= {minimum}')
    return value


def check_number(value: Any, where: str, what: str,
                 positive: bool = False) -> float:
    """A finite number (not a bool or string); ``positive``: > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AnnotationError(f'{where}: {what} must be a number, got '
                              f'{describe(value)}')
    value = float(value)
    if not math.isfinite(value):
        raise AnnotationError(f'{where}: {what} is {value}, expected a '
                              'finite number')
    if positive and value <= 0:
        raise AnnotationError(f'{where}: {what} is {value:g}, expected a '
                              'number > 0')
    return value


def check_segment(value: Any, where: str,
                  what: str = 'segment') -> Tuple[float, float]:
    """``[start, end]``: two finite numbers (their order is the caller's
    rule)."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise AnnotationError(f'{where}: {what} must be [start, end], got '
                              f'{describe(value)}')
    start, end = (check_number(x, where, f'{what} {list(value)!r}: a bound')
                  for x in value)
    return start, end


def first_items(items: List[Any], count: int = 5) -> str:
    """``items`` for a message, at most ``count`` of them."""
    more = f' and {len(items) - count} more' if len(items) > count else ''
    return f'{list(items[:count])}{more}'


def clip_segments(segments: np.ndarray,
                  duration: Optional[float] = None
                  ) -> Tuple[np.ndarray, np.ndarray]:
    """Clip (N, 2) segments in seconds to [0, ``duration``] (to [0, inf)
    without one), the rule every localization loader applies to ground
    truth reaching outside its video.

    Returns:
        (clipped copy (N, 2), (N,) bool: the segments that changed).
    """
    segments = np.asarray(segments, dtype=np.float64).reshape(-1, 2)
    upper = np.inf if duration is None else float(duration)
    clipped = np.clip(segments, 0.0, upper)
    return clipped, (clipped != segments).any(axis=1)
