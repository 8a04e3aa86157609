"""The F3AST label vocabulary.

``classes.txt`` starts with the literal tokens ``start`` and ``end``; the
remaining lines are the C real classes, indexed ``0..C-1``. The sequence
model's token ids are ``0`` pad, ``1`` start, ``2`` end and ``3 + index``
(the reference's ids).
"""
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .file_io import AnnotationError, read_lines

__all__ = [
    'PAD_TOKEN', 'START_TOKEN', 'END_TOKEN', 'NUM_SPECIAL_TOKENS',
    'SPECIAL_TOKENS', 'load_class_list', 'load_classes', 'split_attributes'
]

PAD_TOKEN = 0
START_TOKEN = 1
END_TOKEN = 2
NUM_SPECIAL_TOKENS = 3

SPECIAL_TOKENS = ('start', 'end')


def load_class_list(path: str) -> List[str]:
    """The names of a class list, one per non-blank line; an empty list and
    a repeated name are errors."""
    names = [line.strip() for line in read_lines(path, 'classes file')]
    names = [name for name in names if name]
    if not names:
        raise AnnotationError(f'{path}: no class names in it')
    seen, duplicates = set(), set()
    for name in names:
        (duplicates if name in seen else seen).add(name)
    if duplicates:
        raise AnnotationError(f'{path}: duplicate class names '
                              f'{sorted(duplicates)}')
    return names


def load_classes(path: str) -> List[str]:
    """Real class names of a ``classes.txt`` (without ``start``/``end``)."""
    lines = load_class_list(path)
    if tuple(lines[:2]) != SPECIAL_TOKENS:
        raise AnnotationError(f'{path}: the first two lines must be "start" '
                              f'and "end" (F3AST vocabulary), got '
                              f'{lines[:2]}')
    if len(lines) == 2:
        raise AnnotationError(f'{path}: no classes after "start" and "end"')
    return lines[2:]


def split_attributes(class_names: Sequence[str],
                     attribute_names: Optional[Sequence[str]] = None,
                     separator: str = '_') -> Tuple[List[str], np.ndarray]:
    """Attribute values of every class name.

    Args:
        class_names: C names, each with the same number A of fields.
        attribute_names: the A field names; None names them by position
            (``attribute_1`` ...).
        separator: what separates the fields of a name.

    Returns:
        (the A attribute names, (C, A) array of value strings).
    """
    fields = [name.split(separator) for name in class_names]
    if not fields:
        raise ValueError('no class names to split into attributes')
    count = len(attribute_names) if attribute_names else len(fields[0])
    wrong = [n for n, f in zip(class_names, fields) if len(f) != count]
    if wrong:
        raise ValueError(
            f'class names do not compose {count} attributes separated by '
            f'{separator!r}: {wrong[0]!r} has {len(wrong[0].split(separator))}'
            f' fields' + (f' (attributes {list(attribute_names)})'
                          if attribute_names else ''))
    names = (list(attribute_names) if attribute_names else
             [f'attribute_{i + 1}' for i in range(count)])
    return names, np.asarray(fields, dtype=object).reshape(len(fields), count)
