import pytest

from fga.evaluation.functional import spotting_map

TRUTH = [
    dict(video='v1', events=[dict(frame=10, label='A'),
                             dict(frame=50, label='B'),
                             dict(frame=90, label='A')]),
    dict(video='v2', events=[dict(frame=20, label='A')]),
]
PRED = [
    dict(video='v1', events=[dict(frame=11, label='A', score=.9),
                             dict(frame=52, label='B', score=.8),
                             dict(frame=70, label='A', score=.6),
                             dict(frame=94, label='A', score=.5)]),
    dict(video='v2', events=[dict(frame=20, label='A', score=.7),
                             dict(frame=21, label='B', score=.95)]),
]


def test_worked_example():
    result = spotting_map(TRUTH, PRED)
    per_class = result['per_class']
    assert per_class['A'] == pytest.approx([1 / 6, 2 / 3, 2 / 3, 11 / 12])
    assert per_class['B'] == pytest.approx([0, 0, 0.5, 0.5])
    assert [round(100 * m, 2) for m in result['mAP']] == \
        [8.33, 33.33, 58.33, 70.83]
    assert round(100 * result['average_mAP'], 2) == 42.71


def test_video_sets():
    with pytest.raises(ValueError, match='video sets differ'):
        spotting_map(TRUTH, PRED[:1], reference_compat=True)
    with pytest.warns(UserWarning, match='1 videos have no predictions'):
        result = spotting_map(TRUTH, PRED[:1])
    assert result['per_class']['A'][0] < 1


def test_closest_unmatched_ground_truth_only_counts_within_tolerance():
    truth = [dict(video='v', events=[dict(frame=10, label='A'),
                                     dict(frame=13, label='A')])]
    pred = [dict(video='v', events=[dict(frame=12, label='A', score=.9),
                                    dict(frame=10, label='A', score=.8)])]
    # Tolerance 0: 12 misses 13 and leaves it unmatched; 10 hits at rank 2.
    # Tolerance 1: both hit.
    aps = spotting_map(truth, pred, tolerances=[0, 1])['per_class']['A']
    assert aps == pytest.approx([0.25, 1.0])
