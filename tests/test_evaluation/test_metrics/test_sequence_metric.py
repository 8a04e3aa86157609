"""SequenceMetric's per-attribute accuracy option."""
import numpy as np
import pytest
import torch

from fga.evaluation.metrics import SequenceMetric

CLASSES = ('near_fh_stroke_CC_in', 'near_bh_stroke_CC_in',
           'far_fh_stroke_DL_in', 'far_-_serve_T_in')
ATTRIBUTES = ('side', 'hand', 'type', 'direction', 'outcome')


def _sample(video, start, pred, gt):
    scores = np.eye(len(CLASSES))[pred]
    return dict(video=video, clip_start_index=start,
                pred_labels=torch.tensor(pred),
                pred_scores=torch.tensor(scores, dtype=torch.float32),
                gt_sequence=torch.tensor(gt))


def _evaluate(metric, meta):
    metric.dataset_meta = meta
    # Video a in two clips (given out of order): pred 0 1 | 3 for gt
    # 0 0 2; video b: pred 0 for gt 2 0 (a deletion, then a match).
    metric.process(None, [
        _sample('a', 8, [3], [0, 0, 2]),
        _sample('a', 0, [0, 1], [0, 0, 2]),
        _sample('b', 0, [0], [2, 0]),
    ])
    return metric.compute_metrics(metric.results)


def test_attribute_accuracy_named_by_option():
    metrics = _evaluate(
        SequenceMetric(attributes=list(ATTRIBUTES)), dict(classes=CLASSES))
    assert {k: v for k, v in metrics.items() if k.endswith('_accuracy')
            } == pytest.approx(
                dict(side_accuracy=1.0, hand_accuracy=0.5,
                     type_accuracy=0.75, direction_accuracy=0.75,
                     outcome_accuracy=1.0))
    # F3AST's accuracy pairs by position: only a's first label is right.
    assert metrics['accuracy'] == pytest.approx(1 / 4)


def test_attributes_from_dataset_meta_or_by_position():
    metrics = _evaluate(
        SequenceMetric(attributes=True),
        dict(classes=CLASSES, attributes=ATTRIBUTES))
    assert metrics['hand_accuracy'] == pytest.approx(0.5)
    metrics = _evaluate(SequenceMetric(attributes=True), dict(classes=CLASSES))
    assert metrics['attribute_2_accuracy'] == pytest.approx(0.5)
    assert 'attribute_6_accuracy' not in metrics
    assert set(_evaluate(SequenceMetric(), dict(classes=CLASSES))) == {
        'accuracy', 'edit', 'success_rate', 'mAP'
    }


def test_attributes_that_do_not_fit_the_names():
    with pytest.raises(ValueError, match='do not compose 3 attributes'):
        _evaluate(SequenceMetric(attributes=['a', 'b', 'c']),
                  dict(classes=CLASSES))
