"""Detection mAP: the design doc's worked examples (ActionFormer's
ANETdetection values), MMAction2 agreement on random data, Recall@kx."""
import numpy as np
import pytest

from fga.evaluation.functional import deduplicate_ground_truth, detection_map
from fga.utils.segments import segment_iou

THUMOS = np.linspace(0.3, 0.7, 5)


def _run(gt, pred, thresholds=THUMOS):
    ground_truth = dict(video=[g[0] for g in gt],
                        segments=[g[1] for g in gt],
                        labels=[g[2] if len(g) > 2 else 0 for g in gt])
    predictions = dict(video=[p[0] for p in pred],
                       segments=[p[1] for p in pred],
                       scores=[p[2] for p in pred],
                       labels=[p[3] if len(p) > 3 else 0 for p in pred])
    return detection_map(ground_truth, predictions, thresholds)


@pytest.mark.parametrize('gt,pred,expected', [
    # false positive ranked first
    ([('v1', [10, 20])], [('v1', [30, 40], .9), ('v1', [10, 20], .8)],
     [0.5] * 5),
    # a duplicate on an already matched ground truth is a false positive
    ([('v1', [0, 10]), ('v1', [20, 30])],
     [('v1', [0, 10], .9), ('v1', [0, 5], .8), ('v1', [21, 31], .7)],
     [0.833333] * 5),
    # tIoU exactly 0.7 passes (float64 tIoU; MMAction2 gives 0 there)
    ([('v1', [0, 10])], [('v1', [0, 7], .9)], [1, 1, 1, 1, 1]),
    ([('v1', [0, 10])], [('v1', [0, 5], .9)], [1, 1, 1, 0, 0]),
    # the second threshold is 0.39999999999999997, so 0.4 passes
    ([('v1', [0, 10])], [('v1', [0, 4], .9)], [1, 1, 0, 0, 0]),
    # two classes, one missed
    ([('v1', [0, 10], 0), ('v2', [5, 15], 1)],
     [('v1', [0, 10], .9, 0), ('v2', [50, 60], .9, 1)], [0.5] * 5),
    # a prediction in a video without ground truth
    ([('v1', [0, 10]), ('v2', [0, 10])],
     [('v3', [0, 10], .95), ('v1', [0, 10], .9), ('v2', [1, 10], .5)],
     [0.666667] * 5),
    # precision envelope: TP .9, FP .8, TP .7, FP .6, TP .5
    ([('v1', [0, 10]), ('v1', [20, 30]), ('v1', [40, 50]), ('v1', [60, 70])],
     [('v1', [0, 10], .9), ('v1', [100, 110], .8), ('v1', [20, 30], .7),
      ('v1', [120, 130], .6), ('v1', [40, 50], .5)], [0.566667] * 5),
    # exact score ties: input order (stable), documented difference to AF
    ([('v1', [0, 10])], [('v1', [0, 10], .5), ('v1', [50, 60], .5)],
     [1.0] * 5),
    ([('v1', [0, 10])], [('v1', [50, 60], .5), ('v1', [0, 10], .5)],
     [0.5] * 5),
])
def test_worked_examples(gt, pred, expected):
    out = _run(gt, pred)
    np.testing.assert_allclose(out['mAP_per_tiou'], expected, atol=1e-6)
    assert out['mAP'] == pytest.approx(np.mean(expected), abs=1e-6)


def test_duplicated_ground_truth_is_removed():
    segments = np.array([[0, 10], [0, 10], [0.0005, 10.0005], [3, 3.0005],
                         [0, 10]])
    labels = np.array([0, 0, 0, 0, 1])
    keep = deduplicate_ground_truth(segments, labels)
    assert keep.tolist() == [True, False, False, False, True]
    gt = [('v1', [0, 10])]
    # after de-duplication one prediction recalls everything
    out = _run(gt, [('v1', [0, 10], .9)])
    assert out['mAP'] == 1.0


def test_thumos_threshold_values():
    assert THUMOS[1] == 0.39999999999999997
    assert segment_iou(np.array([0, 10]), np.array([[0, 4]]))[0] == 0.4


def _naive_map(gt, pred, thresholds):
    """A direct transcription of the official per-prediction loop."""
    classes = sorted(set(gt['labels'].tolist()))
    aps = np.zeros((len(thresholds), len(classes)))
    for c_idx, c in enumerate(classes):
        g = np.flatnonzero(gt['labels'] == c)
        p = np.flatnonzero(pred['labels'] == c)
        p = p[np.argsort(-pred['scores'][p], kind='stable')]
        lock = np.full((len(thresholds), len(g)), False)
        tp = np.zeros((len(thresholds), len(p)))
        for i, pi in enumerate(p):
            same = np.flatnonzero(gt['video'][g] == pred['video'][pi])
            if not len(same):
                continue
            ious = segment_iou(pred['segments'][pi], gt['segments'][g[same]])
            order = np.argsort(ious)[::-1]
            for t, thr in enumerate(thresholds):
                for j in order:
                    if ious[j] < thr:
                        break
                    if lock[t, same[j]]:
                        continue
                    tp[t, i] = 1
                    lock[t, same[j]] = True
                    break
        for t in range(len(thresholds)):
            ctp = np.cumsum(tp[t])
            cfp = np.cumsum(1 - tp[t])
            rec = ctp / len(g)
            prec = ctp / (ctp + cfp)
            mprec = np.hstack([[0], prec, [0]])
            mrec = np.hstack([[0], rec, [1]])
            for k in range(len(mprec) - 1)[::-1]:
                mprec[k] = max(mprec[k], mprec[k + 1])
            idx = np.where(mrec[1:] != mrec[:-1])[0] + 1
            aps[t, c_idx] = np.sum((mrec[idx] - mrec[idx - 1]) * mprec[idx])
    return aps.mean(1)


def _random_set(rng, videos=12, classes=4, gts=5, preds=30):
    gt = dict(video=[], segments=[], labels=[])
    pred = dict(video=[], segments=[], labels=[], scores=[])
    for v in range(videos):
        starts = rng.uniform(0, 100, gts)
        gt['video'] += [f'v{v}'] * gts
        gt['segments'] += np.stack([starts, starts + rng.uniform(1, 20, gts)],
                                   1).tolist()
        gt['labels'] += rng.integers(0, classes, gts).tolist()
        starts = rng.uniform(0, 100, preds)
        pred['video'] += [f'v{v}'] * preds
        pred['segments'] += np.stack(
            [starts, starts + rng.uniform(1, 20, preds)], 1).tolist()
        pred['labels'] += rng.integers(0, classes, preds).tolist()
        pred['scores'] += rng.random(preds).tolist()
    return ({k: np.asarray(v) for k, v in gt.items()},
            {k: np.asarray(v) for k, v in pred.items()})


def test_matches_official_loop_on_random_data():
    rng = np.random.default_rng(0)
    gt, pred = _random_set(rng)
    thresholds = np.linspace(0.1, 0.9, 9)
    out = detection_map(gt, pred, thresholds)
    np.testing.assert_array_equal(out['mAP_per_tiou'],
                                  _naive_map(gt, pred, thresholds))
    assert 0.01 < out['mAP'] < 0.9


def test_matches_mmaction2_function():
    from mmaction.evaluation.functional.eval_detection import \
        compute_average_precision_detection
    rng = np.random.default_rng(1)
    gt, pred = _random_set(rng, videos=8, classes=3)
    thresholds = np.linspace(0.3, 0.7, 5)
    out = detection_map(gt, pred, thresholds)
    for c_idx, c in enumerate(out['classes']):
        g = gt['labels'] == c
        p = pred['labels'] == c
        ground_truth = [{'video-id': v, 't-start': s, 't-end': e}
                        for v, (s, e) in zip(gt['video'][g],
                                             gt['segments'][g])]
        prediction = [{'video-id': v, 't-start': s, 't-end': e, 'score': sc}
                      for v, (s, e), sc in zip(pred['video'][p],
                                               pred['segments'][p],
                                               pred['scores'][p])]
        ref = compute_average_precision_detection(ground_truth, prediction,
                                                  thresholds)
        np.testing.assert_allclose(out['ap'][:, c_idx], ref, rtol=0,
                                   atol=1e-12)


def test_topk_recall():
    gt = [('v1', [0, 10]), ('v1', [20, 30])]
    pred = [('v1', [0, 10], .9), ('v1', [50, 60], .8), ('v1', [21, 30], .1)]
    out = _run(gt, pred, [0.5])
    # top 1x = 2 predictions: recalls [0, 10] only; top 5x: both
    np.testing.assert_allclose(out['recall'], [[0.5, 1.0]])


def test_classes_without_predictions_score_zero_and_extra_classes_ignored():
    out = _run([('v1', [0, 10], 0), ('v1', [20, 30], 1)],
               [('v1', [0, 10], .9, 0), ('v1', [20, 30], .9, 5)])
    assert out['classes'].tolist() == [0, 1]
    np.testing.assert_allclose(out['mAP_per_tiou'], [0.5] * 5)


def _sequential_deduplication(segments, labels, tol=1e-3):
    """The official evaluation's loop, event by event."""
    keep = np.zeros(len(segments), dtype=bool)
    for i, ((start, end), label) in enumerate(zip(segments, labels)):
        if end - start < tol:
            continue
        earlier = segments[keep]
        keep[i] = not ((np.abs(earlier[:, 0] - start) <= tol) &
                       (np.abs(earlier[:, 1] - end) <= tol) &
                       (labels[keep] == label)).any()
    return keep


def test_deduplication_equals_the_sequential_rule():
    rng = np.random.default_rng(0)
    for _ in range(50):
        n = int(rng.integers(1, 40))
        # steps of 0.0006 make chains: a ~ b, b ~ c, but not a ~ c
        segments = np.round(rng.integers(0, 6, (n, 2)) * 0.0006 +
                            np.array([0, 0.0006]), 6)
        segments.sort(1)
        labels = rng.integers(0, 2, n)
        expected = _sequential_deduplication(segments, labels)
        assert np.array_equal(deduplicate_ground_truth(segments, labels),
                              expected)
    chain = np.array([[0, 1], [0.0006, 1], [0.0012, 1]])
    assert deduplicate_ground_truth(chain, np.zeros(3)).tolist() == [
        True, False, True
    ]
