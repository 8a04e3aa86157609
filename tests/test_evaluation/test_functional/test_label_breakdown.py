"""Per-class and per-attribute accuracy over the edit-distance alignment,
on worked examples."""
import numpy as np
import pytest

from fga.evaluation.functional import (aligned_labels, attribute_accuracy,
                                       confusion_matrix, per_class_accuracy,
                                       split_attributes)

CLASSES = ['near_fh_stroke_CC_in', 'near_bh_stroke_CC_in',
           'far_fh_stroke_DL_in', 'far_-_serve_T_in']
ATTRIBUTES = ['side', 'hand', 'type', 'direction', 'outcome']


def test_aligned_labels_skip_a_deleted_event():
    # gt 3 0 2 0, pred 3 2 1: the missed 0 is a deletion, the last 0 is
    # substituted by 1 (positional pairing would pair 0-2 and 2-1).
    aligned = aligned_labels([[3, 2, 1]], [[3, 0, 2, 0]])
    assert aligned.pred.tolist() == [3, 2, 1]
    assert aligned.gt.tolist() == [3, 2, 0]
    assert aligned.deleted.tolist() == [0]
    assert aligned.inserted.tolist() == []
    aligned = aligned_labels([[3, 1, 2], []], [[3, 2], [0]])
    assert aligned.pred.tolist() == [3, 2]
    assert aligned.inserted.tolist() == [1]
    assert aligned.deleted.tolist() == [0]
    with pytest.raises(ValueError, match='2 predictions for 1 videos'):
        aligned_labels([[1], [2]], [[1]])


def test_split_attributes():
    names, values = split_attributes(CLASSES, ATTRIBUTES)
    assert names == ATTRIBUTES
    assert values.shape == (4, 5)
    assert values[3].tolist() == ['far', '-', 'serve', 'T', 'in']
    names, _ = split_attributes(CLASSES)
    assert names == [f'attribute_{i}' for i in range(1, 6)]
    with pytest.raises(ValueError, match="'a_b' has 2 fields"):
        split_attributes(['a_b', 'a_b_c'], ['x', 'y', 'z'])


def test_attribute_accuracy_over_the_alignment():
    _, values = split_attributes(CLASSES, ATTRIBUTES)
    # Pairs (pred, gt): (0, 0) all right; (1, 0) hand wrong; (3, 2) hand,
    # type and direction wrong; in the second video the missed 2 is a
    # deletion and 0 matches 0 (pairing by position would pair 0 with 2).
    aligned = aligned_labels([[0, 1, 3], [0]], [[0, 0, 2], [2, 0]])
    assert aligned.pred.tolist() == [0, 1, 3, 0]
    assert aligned.gt.tolist() == [0, 0, 2, 0]
    assert aligned.deleted.tolist() == [2]
    acc = attribute_accuracy(aligned, values, ATTRIBUTES)
    assert acc == pytest.approx(
        dict(side=1.0, hand=2 / 4, type=3 / 4, direction=3 / 4,
             outcome=1.0))
    with pytest.warns(UserWarning, match='no predicted event is aligned'):
        empty = attribute_accuracy(aligned_labels([[]], [[1]]), values,
                                   ATTRIBUTES)
    assert empty == dict.fromkeys(ATTRIBUTES, 0.0)


def test_per_class_accuracy_and_confusion():
    aligned = aligned_labels([[0, 1, 3], [0]], [[0, 0, 2], [2, 0]])
    out = per_class_accuracy(aligned, 4)
    assert out['aligned'].tolist() == [3, 0, 1, 0]
    assert out['deleted'].tolist() == [0, 0, 1, 0]
    np.testing.assert_equal(out['accuracy'], [2 / 3, np.nan, 0.0, np.nan])
    matrix = confusion_matrix(aligned.gt, aligned.pred, 4)
    assert matrix.tolist() == [[2, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1],
                               [0, 0, 0, 0]]
    with pytest.raises(ValueError, match=r'outside \[0, 4\)'):
        confusion_matrix([0, 4], [0, 0], 4)
