import numpy as np
import pytest

from fga.evaluation.functional import fuse_external_scores


def test_values_by_hand():
    segments, scores, labels = fuse_external_scores(
        np.array([[0., 1.], [2., 3.], [4., 5.]]),
        np.array([0.25, 0.64, 0.09]),
        np.array([0.04, 0.81, 0.36]), topk=2, num_pred=2)
    # the two best proposals (0.64, 0.25) x the two best classes (1, 2)
    np.testing.assert_allclose(scores, [0.72, 0.45, 0.48, 0.30])
    np.testing.assert_array_equal(labels, [1, 1, 2, 2])
    np.testing.assert_array_equal(segments,
                                  [[2, 3], [0, 1], [2, 3], [0, 1]])


def test_fewer_classes_or_proposals_than_asked():
    segments, scores, labels = fuse_external_scores(
        np.array([[0., 1.]]), np.array([0.5]), np.array([0.5]), topk=3)
    np.testing.assert_allclose(scores, [0.5])
    assert labels.tolist() == [0] and segments.shape == (1, 2)
    segments, scores, labels = fuse_external_scores(
        np.zeros((0, 2)), np.zeros(0), np.array([0.2, 0.8]))
    assert segments.shape == (0, 2) and len(scores) == len(labels) == 0
    with pytest.raises(ValueError, match='2 segments but 1 scores'):
        fuse_external_scores(np.zeros((2, 2)), np.zeros(1), np.ones(3))
