"""The worked examples of f3ast.md section 11, exactly."""
import numpy as np
import pytest

from fga.annotations import (finetennis_tolerance_pairs, load_classes,
                             pairs_to_indices, reference_tolerance_id_pairs)
from fga.evaluation.functional import (average_precision_per_class,
                                       collapse_runs, edit_scores,
                                       equivalence_matrix, sequence_accuracy,
                                       sequence_map, sequence_metrics,
                                       success_rate)


@pytest.fixture(scope='module')
def tennis(annotation_data):
    names = load_classes(f'{annotation_data}/f3ast/finetennis/classes.txt')
    pairs = pairs_to_indices(finetennis_tolerance_pairs(names),
                             {n: i for i, n in enumerate(names)})
    return names, equivalence_matrix(len(names), pairs)


def _run(gt_ids, pred_ids, num_classes, equivalent, rows=None):
    """Inputs in reference vocabulary ids (class index + 3)."""
    gts = [np.array(g, dtype=int) - 3 for g in gt_ids]
    preds = [np.array(p, dtype=int) - 3 for p in pred_ids]
    if rows is None:
        rows = [np.eye(num_classes)[p] for p in preds]
    return sequence_metrics(preds, rows, gts, num_classes, equivalent)


def test_tolerance_pairs_by_name_equal_reference_ids(tennis):
    names, _ = tennis
    by_name = pairs_to_indices(finetennis_tolerance_pairs(names),
                               {n: i for i, n in enumerate(names)})
    reference = [(a - 3, b - 3) for a, b in reference_tolerance_id_pairs()]
    assert len(by_name) == len(reference) == 52
    assert {frozenset(p) for p in by_name} == {frozenset(p) for p in reference}


def test_example_t(tennis):
    names, eq = tennis
    gt = [[4, 42, 21, 53], [5, 38], [34], [3]]
    pred = [[4, 42, 22, 53], [4], [], [3, 42]]
    assert _run(gt, pred, len(names), eq) == dict(
        accuracy=1.0, edit=50.0, success_rate=0.25, mAP=0.5892857142857143)
    assert _run(gt, pred, len(names), None) == dict(
        accuracy=0.6666666666666666, edit=31.25, success_rate=0.0,
        mAP=0.5892857142857143)


def test_example_t_per_class_ap(tennis):
    names, _ = tennis
    gts = [np.array(g) - 3 for g in [[4, 42, 21, 53], [5, 38], [34], [3]]]
    preds = [np.array(p, dtype=int) - 3 for p in [[4, 42, 22, 53], [4], [],
                                                  [3, 42]]]
    _, ap = sequence_map([np.eye(56)[p] for p in preds], gts, 56)
    present = np.flatnonzero(~np.isnan(ap))
    assert present.tolist() == [0, 1, 2, 18, 39, 50]
    np.testing.assert_allclose(ap[present], [1, 0.5, 1 / 56, 1 / 56, 1, 1])


@pytest.mark.parametrize('tolerance', [True, False])
def test_example_a(tennis, tolerance):
    names, eq = tennis
    gt = [[4, 42, 21, 53], [6, 38], [32, 14, 47]]
    pred = [[4, 42, 27, 53], [6, 38, 3], []]
    assert _run(gt, pred, len(names), eq if tolerance else None) == dict(
        accuracy=0.8333333333333334, edit=47.22222222222223,
        success_rate=0.0, mAP=0.8363095238095237)


def test_example_r_collapse(tennis):
    names, _ = tennis
    assert _run([[4, 4, 38]], [[4, 38]], len(names), None) == dict(
        accuracy=0.5, edit=100.0, success_rate=0.0, mAP=0.5175438596491229)


@pytest.fixture(scope='module')
def badminton(annotation_data):
    names = load_classes(f'{annotation_data}/f3ast/badmintonDB/classes.txt')
    return {n: i for i, n in enumerate(names)}


def test_example_m_soft_rows(badminton):
    c = badminton
    gt = [[c['bottom_Serve'], c['top_Net-Lift'], c['bottom_Clear']]]
    pred = [[c['bottom_Serve'], c['top_Net-Shot'], c['bottom_Serve']]]
    rows = np.zeros((3, 20))
    rows[0, [c['bottom_Serve'], c['bottom_Clear']]] = [.55, .45]
    rows[1, [c['top_Net-Shot'], c['top_Net-Lift']]] = [.6, .4]
    rows[2, [c['bottom_Serve'], c['bottom_Clear']]] = [.6, .4]
    result = sequence_metrics([np.array(pred[0])], [rows],
                              [np.array(gt[0])], 20)
    assert result == dict(accuracy=0.3333333333333333,
                          edit=33.333333333333336, success_rate=0.0,
                          mAP=0.6666666666666666)


def test_example_l_tolerance_leak(badminton):
    c = badminton
    gt = [np.array([c['bottom_Serve'], c['top_Clear'], c['bottom_Clear']])]
    pred = [np.array([c['bottom_Serve'], c['top_Clear'], c['bottom_Drive']])]
    rows = [np.eye(20)[pred[0]]]
    assert sequence_metrics(pred, rows, gt, 20) == dict(
        accuracy=0.6666666666666666, edit=66.66666666666667,
        success_rate=0.0, mAP=0.6833333333333332)
    leak = equivalence_matrix(
        20, [(a - 3, b - 3) for a, b in reference_tolerance_id_pairs()
             if b - 3 < 20])
    assert sequence_metrics(pred, rows, gt, 20, leak) == dict(
        accuracy=1.0, edit=100.0, success_rate=1.0, mAP=0.6833333333333332)


@pytest.mark.parametrize('pred,gt,pairs,expected', [
    ([3, 4, 5], [3, 4, 5], [], 100.0),
    ([3, 5], [3, 4, 5], [], 66.66666666666667),
    ([], [3, 4, 5], [], 0.0),
    ([5, 5, 7], [5, 7], [], 100.0),
    ([4, 9], [5, 9], [(4, 5)], 100.0),
    ([], [], [], 100.0),  # the reference returns NaN here (0 / 0)
])
def test_edit_score_table(pred, gt, pairs, expected):
    eq = equivalence_matrix(10, pairs) if pairs else None
    score = edit_scores([np.array(pred, int)], [np.array(gt, int)], eq)[0]
    assert score == pytest.approx(expected, abs=1e-12)


def test_edit_without_collapse_and_distance_cases():
    assert edit_scores([[5, 7]], [[5, 5, 7]], collapse=False)[0] == \
        pytest.approx(100 * (1 - 1 / 3))
    # Many videos of different lengths at once give the per-pair answers.
    rng = np.random.default_rng(0)
    preds = [rng.integers(0, 4, rng.integers(0, 9)) for _ in range(50)]
    gts = [rng.integers(0, 4, rng.integers(0, 9)) for _ in range(50)]
    batch = edit_scores(preds, gts, collapse=False)
    single = [edit_scores([p], [g], collapse=False)[0]
              for p, g in zip(preds, gts)]
    np.testing.assert_array_equal(batch, single)
    assert edit_scores([[1, 2, 3]], [[3, 2, 1]], collapse=False)[0] == \
        pytest.approx(100 / 3)


def test_collapse_runs():
    assert collapse_runs([5, 5, 7, 7, 5]).tolist() == [5, 7, 5]
    assert collapse_runs([]).tolist() == []


def test_all_empty_predictions_give_zero_with_warning():
    gts = [np.array([1, 2]), np.array([3])]
    empty = [np.zeros(0, int)] * 2
    with pytest.warns(UserWarning, match='no prediction overlaps'):
        assert sequence_accuracy(empty, gts) == 0.0
    with pytest.warns(UserWarning):
        result = sequence_metrics(empty, [np.zeros((0, 4))] * 2, gts, 4)
    assert result['mAP'] == 0.0 and result['edit'] == 0.0


def test_success_rate_needs_equal_length():
    assert success_rate([[1, 2]], [[1, 2, 2]]) == 0.0
    assert success_rate([[1, 2], [3]], [[1, 2], [4]]) == 0.5


def test_average_precision_matches_scikit_learn():
    sklearn_metrics = pytest.importorskip('sklearn.metrics')
    rng = np.random.default_rng(1)
    for trial in range(20):
        num_rows, num_classes = rng.integers(5, 80), rng.integers(3, 7)
        labels = np.r_[np.arange(num_classes),
                       rng.integers(0, num_classes, num_rows)]
        # Coarse scores force many ties, the case that matters here.
        scores = rng.integers(0, 4, (len(labels), num_classes)) / 4
        ours = average_precision_per_class(labels, scores)
        theirs = sklearn_metrics.average_precision_score(
            labels, scores, average=None)
        np.testing.assert_array_equal(ours, theirs)


def test_sequence_map_without_dummy_rows():
    gts = [np.array([0, 1])]
    rows = [np.array([[0.9, 0.1, 0.0], [0.2, 0.8, 0.0]])]
    mean_ap, ap = sequence_map(rows, gts, 3, dummy_rows=False)
    assert mean_ap == 1.0 and np.isnan(ap[2])
