"""F3Set's metrics on examples worked by hand, and against a frame-by-frame
transcription of the reference's loops on random videos."""
import numpy as np
import pytest

from fga.evaluation.functional import (element_f1_counts, event_codes,
                                       event_f1_counts, f3ed_metrics, mean_f1)


def f1(tp, fp, fn):
    p = tp / (tp + fp + 1e-10)
    r = tp / (tp + fn + 1e-10)
    return 2 * p * r / (p + r + 1e-10)


def video_a():
    """T = 8, E = 3. Truth: frame 2 {e0, e2} (code 5), frame 5 {e1} (2).
    Prediction: frame 3 {e0, e2} (5), frame 5 {e0} (4)."""
    gt = np.zeros((8, 3), int)
    gt[2] = [1, 0, 1]
    gt[5] = [0, 1, 0]
    pred = np.zeros((8, 3), int)
    pred[3] = [1, 0, 1]
    pred[5] = [1, 0, 0]
    return (pred.any(1), pred, gt.any(1), gt)


def test_event_codes_read_the_vector_as_binary():
    flags, elements = [1, 0, 1], [[1, 0, 1], [1, 1, 1], [0, 0, 0]]
    assert event_codes(np.array(flags), np.array(elements)).tolist() == \
        [5, 0, 0]


def test_worked_example_tolerance_one():
    pf, pe, gf, ge = video_a()
    pred, gt = event_codes(pf, pe), event_codes(gf, ge)
    # Code 5 at 3 is within 1 of the truth's 5 at 2: TP. Code 4 at 5 has
    # the truth's 2 beside it: no FP in the reference (quirk 1), an FP
    # plainly. The truth's 2 at 5 has no 2 within 1: FN.
    ref = event_f1_counts(pred, gt, 1)
    assert {k: v.tolist() for k, v in ref.items()} == {
        5: [1, 0, 0], 2: [0, 0, 1]
    }
    plain = event_f1_counts(pred, gt, 1, reference_quirks=False)
    assert {k: v.tolist() for k, v in plain.items()} == {
        5: [1, 0, 0], 4: [0, 1, 0], 2: [0, 0, 1]
    }
    # Elements (reference): window sums of the truth are 1 on frames 1-3
    # for e0 and e2 and on 4-6 for e1. e0: TP at 3, FP at 5, FN on frames
    # 1 and 2 (no e0 predicted there); e1: FN on 4, 5, 6; e2: TP at 3, FN
    # on 1 and 2.
    assert element_f1_counts(pe, ge, 1).tolist() == [[1, 1, 2], [0, 0, 3],
                                                     [1, 0, 2]]
    assert element_f1_counts(pe, ge, 1, reference_quirks=False).tolist() \
        == [[1, 1, 0], [0, 0, 1], [1, 0, 0]]
    metrics = f3ed_metrics([video_a()], delta=1)
    assert metrics['event_f1'] == pytest.approx((f1(1, 0, 0) + 0) / 2,
                                                abs=1e-12)
    assert metrics['element_f1'] == pytest.approx(
        (f1(1, 1, 2) + 0 + f1(1, 0, 2)) / 3, abs=1e-12)
    assert metrics['element_f1'] == pytest.approx(0.3, abs=1e-9)
    # Sequences [5, 4] vs [5, 2]: one substitution of two.
    assert metrics['edit'] == 50.0
    plain = f3ed_metrics([video_a()], delta=1, reference_quirks=False)
    assert plain['event_f1'] == pytest.approx(1 / 3, abs=1e-9)
    assert plain['element_f1'] == pytest.approx((2 / 3 + 0 + 1) / 3,
                                                abs=1e-9)


def test_worked_example_tolerance_zero():
    pf, pe, gf, ge = video_a()
    counts = event_f1_counts(event_codes(pf, pe), event_codes(gf, ge), 0)
    # 5 at 3 meets no event: FP; 4 at 5 meets the truth's 2: nothing; both
    # true events are missed.
    assert {k: v.tolist() for k, v in counts.items()} == {
        5: [0, 1, 1], 2: [0, 0, 1]
    }
    assert f3ed_metrics([video_a()], delta=0)['event_f1'] == 0


def test_two_true_events_in_one_window():
    gt = np.zeros((6, 1), int)
    gt[2] = gt[3] = 1
    pred = np.zeros((6, 1), int)
    pred[2] = 1
    # Reference: the window sum at 2 is 2, so the prediction counts
    # nothing; frames 1 and 4 (sum 1, nothing predicted) are misses.
    assert element_f1_counts(pred, gt, 1).tolist() == [[0, 0, 2]]
    assert element_f1_counts(pred, gt, 1,
                             reference_quirks=False).tolist() == [[1, 0, 0]]


def test_counts_add_over_videos_and_edge_cases():
    a = video_a()
    both = f3ed_metrics([a, a], delta=1)
    # Same ratios: doubling every count leaves the F1s equal.
    assert both['element_f1'] == pytest.approx(
        f3ed_metrics([a], delta=1)['element_f1'])
    empty = (np.zeros(4), np.zeros((4, 3)), np.zeros(4), np.zeros((4, 3)))
    out = f3ed_metrics([empty])
    assert np.isnan(out['event_f1']) and out['element_f1'] == 0
    assert out['edit'] == 100.0
    assert np.isnan(mean_f1(np.zeros((0, 3))))
    with pytest.raises(ValueError, match='delta'):
        f3ed_metrics([a], delta=-1)


def reference_loops(pred_el, gt_el, delta):
    """The reference's per-frame loops, transcribed literally."""
    n = len(pred_el)
    elements = np.zeros((pred_el.shape[1], 3), int)
    events = {}
    for i in range(n):
        lo, hi = max(0, i - delta), min(n, i + delta + 1)
        for j in range(pred_el.shape[1]):
            s = gt_el[lo:hi, j].sum()
            if pred_el[i, j] == 1 and s == 1:
                elements[j, 0] += 1
            if pred_el[i, j] == 1 and s == 0:
                elements[j, 1] += 1
            if pred_el[i, j] == 0 and s == 1:
                elements[j, 2] += 1
    labels = [int(''.join(str(x) for x in row), 2) for row in gt_el]
    preds = [int(''.join(str(x) for x in row), 2) for row in pred_el]
    for i in range(n):
        lo, hi = max(0, i - delta), min(n, i + delta + 1)
        if preds[i] > 0 and preds[i] in labels[lo:hi]:
            events.setdefault(preds[i], [0, 0, 0])[0] += 1
        if preds[i] > 0 and sum(labels[lo:hi]) == 0:
            events.setdefault(preds[i], [0, 0, 0])[1] += 1
        if labels[i] > 0 and labels[i] not in preds[lo:hi]:
            events.setdefault(labels[i], [0, 0, 0])[2] += 1
    return elements, events


@pytest.mark.parametrize('seed', range(5))
def test_matches_the_reference_loops(seed):
    rng = np.random.default_rng(seed)
    total_el, total_ev = np.zeros((4, 3), int), {}
    videos = []
    for _ in range(3):
        n = int(rng.integers(5, 40))
        gt = (rng.random((n, 4)) < 0.5) * (rng.random((n, 1)) < 0.2)
        pred = (rng.random((n, 4)) < 0.5) * (rng.random((n, 1)) < 0.2)
        gt, pred = gt.astype(int), pred.astype(int)
        videos.append((pred.any(1), pred, gt.any(1), gt))
        el, ev = reference_loops(pred, gt, 2)
        total_el += el
        for k, v in ev.items():
            total_ev[k] = np.add(total_ev.get(k, 0), v)
    metrics = f3ed_metrics(videos, delta=2)
    assert metrics['element_f1'] == mean_f1(total_el)
    assert metrics['event_f1'] == pytest.approx(
        np.mean([f1(*v) for v in total_ev.values()]), abs=1e-12)
