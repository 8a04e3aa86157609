"""Tolerance pairs: fine-grained labels that count as the same prediction.

FineTennis labels are ``side_hand_type_direction_outcome``. Two labels are
interchangeable when side, hand and type agree, both outcomes are ``in`` and
their directions are neighbours on court (f3ast.md section 10).
"""
from typing import Dict, List, Sequence, Tuple

from .vocabulary import NUM_SPECIAL_TOKENS

__all__ = [
    'FINETENNIS_NEIGHBOUR_DIRECTIONS', 'finetennis_tolerance_pairs',
    'reference_tolerance_id_pairs', 'reference_tolerance_index_pairs',
    'pairs_to_indices'
]

FINETENNIS_NEIGHBOUR_DIRECTIONS = frozenset(
    frozenset(pair) for pair in [
        ('T', 'B'), ('B', 'W'),
        ('CC', 'DM'), ('CC', 'II'), ('DL', 'DM'), ('DL', 'IO'), ('DM', 'II'),
        ('DM', 'IO'),
    ])


def finetennis_tolerance_pairs(
        class_names: Sequence[str]) -> List[Tuple[str, str]]:
    """The FineTennis tolerance pairs among ``class_names``, by name."""
    parsed = []
    for name in class_names:
        parts = name.split('_')
        if len(parts) == 5:
            parsed.append((name, parts))
    pairs = []
    for i, (name_a, a) in enumerate(parsed):
        for name_b, b in parsed[i + 1:]:
            if (a[:3] == b[:3] and a[4] == b[4] == 'in'
                    and frozenset((a[3], b[3]))
                    in FINETENNIS_NEIGHBOUR_DIRECTIONS):
                pairs.append((name_a, name_b))
    return pairs


def reference_tolerance_id_pairs() -> List[Tuple[int, int]]:
    """The reference's hard-coded vocabulary-id pairs (ids count ``start`` as
    1 and ``end`` as 2), which it applies to every dataset."""
    pairs = [(4, 5), (5, 6), (32, 33), (33, 34)]
    for s in (8, 14, 20, 26, 36, 42, 48, 54):
        pairs += [(s, s + 2), (s, s + 3), (s + 1, s + 2), (s + 1, s + 4),
                  (s + 2, s + 3), (s + 2, s + 4)]
    return pairs


def reference_tolerance_index_pairs(
        num_classes: int) -> List[Tuple[int, int]]:
    """The reference's id pairs as class indices (id - 3), keeping those
    inside ``num_classes`` (on BadmintonDB it pairs classes 1 and 2)."""
    pairs = [(a - NUM_SPECIAL_TOKENS, b - NUM_SPECIAL_TOKENS)
             for a, b in reference_tolerance_id_pairs()]
    return [(a, b) for a, b in pairs if max(a, b) < num_classes]


def pairs_to_indices(pairs: Sequence[Tuple[str, str]],
                     class_to_index: Dict[str, int]) -> List[Tuple[int, int]]:
    """Map name pairs to class indices; both names must be known."""
    out = []
    for a, b in pairs:
        for name in (a, b):
            if name not in class_to_index:
                raise KeyError(f'tolerance pair ({a!r}, {b!r}): {name!r} is '
                               'not a class of this dataset')
        out.append((class_to_index[a], class_to_index[b]))
    return out
