"""The edit-distance alignment on worked examples, and its cost equals the
edit distance on random pairs."""
import numpy as np
import pytest

from fga.evaluation.functional import align_sequences, edit_distances


def _ops(pred, gt, **kwargs):
    return [(s.op[0], s.pred, s.gt)
            for s in align_sequences(pred, gt, **kwargs)]


def test_worked_examples():
    assert _ops([1, 2, 3], [1, 2, 3]) == [('m', 0, 0), ('m', 1, 1),
                                          ('m', 2, 2)]
    # One missed event does not shift the rest: a deletion, then matches.
    assert _ops([1, 3, 4], [1, 2, 3, 4]) == [('m', 0, 0), ('d', None, 1),
                                             ('m', 1, 2), ('m', 2, 3)]
    # An extra event is an insertion.
    assert _ops([1, 5, 2], [1, 2]) == [('m', 0, 0), ('i', 1, None),
                                       ('m', 2, 1)]
    assert _ops([1, 7, 3], [1, 2, 3]) == [('m', 0, 0), ('s', 1, 1),
                                          ('m', 2, 2)]
    assert _ops([], [4, 5]) == [('d', None, 0), ('d', None, 1)]
    assert _ops([4], []) == [('i', 0, None)]
    equivalent = np.zeros((8, 8), bool)
    equivalent[2, 7] = equivalent[7, 2] = True
    steps = _ops([1, 7, 3], [1, 2, 3], equivalent=equivalent)
    assert steps[1] == ('m', 1, 1)


@pytest.mark.parametrize('seed', range(5))
def test_cost_is_the_edit_distance(seed):
    rng = np.random.default_rng(seed)
    preds = [rng.integers(0, 4, rng.integers(0, 9)) for _ in range(30)]
    gts = [rng.integers(0, 4, rng.integers(0, 9)) for _ in range(30)]
    for pred, gt, distance in zip(preds, gts, edit_distances(preds, gts)):
        steps = align_sequences(pred, gt)
        assert sum(s.op != 'match' for s in steps) == distance
        assert [s.pred for s in steps if s.pred is not None] == list(
            range(len(pred)))
        assert [s.gt for s in steps if s.gt is not None] == list(
            range(len(gt)))
