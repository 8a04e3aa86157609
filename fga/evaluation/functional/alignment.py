"""The edit-distance alignment of a predicted and a true label sequence:
which predicted label stands for which true one (a match or a
substitution), which predicted labels are extra (insertions) and which
true labels are missed (deletions)."""
from typing import List, NamedTuple, Optional, Sequence

import numpy as np

__all__ = ['AlignedPair', 'align_sequences']

MATCH, SUBSTITUTION, INSERTION, DELETION = ('match', 'substitution',
                                            'insertion', 'deletion')


class AlignedPair(NamedTuple):
    """One step of an alignment: ``pred``/``gt`` are positions in the
    predicted / true sequence (None where that side has no label)."""
    op: str
    pred: Optional[int]
    gt: Optional[int]


def align_sequences(pred: Sequence[int],
                    gt: Sequence[int],
                    equivalent: Optional[np.ndarray] = None
                    ) -> List[AlignedPair]:
    """A minimum-cost alignment (unit costs, equivalent labels substitute
    for free and count as matches), in sequence order.

    Its cost is :func:`~fga.evaluation.functional.edit_distances` of the
    pair. Among equal-cost alignments, a diagonal step (match or
    substitution) is preferred, then a deletion, then an insertion.

    Args:
        pred: predicted class indices (k,).
        gt: true class indices (n,).
        equivalent: optional (C, C) bool matrix of interchangeable labels.
    """
    pred = np.asarray(pred, dtype=np.int64)
    gt = np.asarray(gt, dtype=np.int64)
    k, n = len(pred), len(gt)
    same = pred[:, None] == gt[None]
    if equivalent is not None and k and n:
        same |= equivalent[pred[:, None], gt[None]]
    cost = np.zeros((k + 1, n + 1), dtype=np.int64)
    cost[:, 0] = np.arange(k + 1)
    cost[0, :] = np.arange(n + 1)
    for i in range(1, k + 1):
        for j in range(1, n + 1):
            cost[i, j] = min(cost[i - 1, j - 1] + (not same[i - 1, j - 1]),
                             cost[i - 1, j] + 1, cost[i, j - 1] + 1)
    steps = []
    i, j = k, n
    while i or j:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + (
                not same[i - 1, j - 1]):
            op = MATCH if same[i - 1, j - 1] else SUBSTITUTION
            steps.append(AlignedPair(op, i - 1, j - 1))
            i, j = i - 1, j - 1
        elif j and cost[i, j] == cost[i, j - 1] + 1:
            steps.append(AlignedPair(DELETION, None, j - 1))
            j -= 1
        else:
            steps.append(AlignedPair(INSERTION, i - 1, None))
            i -= 1
    return steps[::-1]
