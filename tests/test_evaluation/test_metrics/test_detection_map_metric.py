import json

import numpy as np
import pytest
import torch

from fga.evaluation import TALDetectionMAP


@pytest.fixture
def ann_file(tmp_path):
    database = {
        'v1':
        dict(
            subset='test',
            duration=30.0,
            fps=30,
            annotations=[
                dict(label='Jump', label_id=1, segment=[1.0, 5.0]),
                dict(label='Jump', label_id=1, segment=[1.0, 5.0]),
                dict(label='Run', label_id=0, segment=[10.0, 20.0])
            ]),
        'v2':
        dict(
            subset='test',
            duration=30.0,
            fps=30,
            annotations=[dict(label='Run', label_id=0, segment=[3.0, 9.0])]),
        'v3':
        dict(
            subset='train',
            duration=30.0,
            fps=30,
            annotations=[dict(label='Swim', label_id=2, segment=[3.0, 9.0])]),
    }
    path = tmp_path / 'ann.json'
    path.write_text(json.dumps(dict(database=database)))
    return str(path)


def _sample(video, segments, scores, labels):
    return dict(
        video_id=video,
        pred_instances=dict(
            segments=torch.tensor(segments, dtype=torch.float32),
            scores=torch.tensor(scores),
            labels=torch.tensor(labels)))


def test_ground_truth_as_predictions(ann_file, tmp_path):
    metric = TALDetectionMAP(
        ann_file, 'test', prediction_file=str(tmp_path / 'out.json'))
    metric.dataset_meta = dict(classes=('Run', 'Jump', 'Swim'))
    metric.process({}, [
        _sample('v1', [[1, 5], [10, 20]], [0.9, 0.8], [1, 0]),
        _sample('v2', [[3, 9], [20, 25]], [0.7, 0.6], [0, 2])
    ])
    out = metric.compute_metrics(metric.results)
    assert out['average_mAP'] == 1.0
    assert list(out)[:5] == [
        'mAP@0.30', 'mAP@0.40', 'mAP@0.50', 'mAP@0.60', 'mAP@0.70'
    ]
    assert out['recall@1x'] == 1.0
    written = json.loads((tmp_path / 'out.json').read_text())['results']
    assert written['v1'][0] == dict(
        segment=[1.0, 5.0], label='Jump', score=pytest.approx(0.9))
    assert written['v2'][1]['label'] == 'Swim'


def test_misses_and_class_agnostic(ann_file):
    metric = TALDetectionMAP(ann_file, 'test', tiou_thresholds=[0.5])
    metric.dataset_meta = dict(classes=('Run', 'Jump', 'Swim'))
    metric.process({}, [_sample('v1', [[10, 20]], [0.9], [0])])
    out = metric.compute_metrics(metric.results)
    # Run: 1 of 2 found (AP 0.5); Jump: missed (AP 0)
    assert out['average_mAP'] == pytest.approx(0.25)
    agnostic = TALDetectionMAP(
        ann_file, 'test', tiou_thresholds=[0.5], class_agnostic=True)
    agnostic.process({}, [
        _sample('v1', [[10, 20], [1, 5]], [0.9, 0.8], [0, 0]),
        _sample('v2', [[3, 9]], [0.7], [0])
    ])
    assert agnostic.compute_metrics(agnostic.results)['average_mAP'] == 1.0
    assert np.isclose(out['mAP@0.50'], 0.25)


def _gt_sample(video, preds, gt_segments, gt_labels):
    sample = _sample(video, *preds)
    sample['gt_instances'] = dict(
        segments=torch.tensor(gt_segments, dtype=torch.float32),
        labels=torch.tensor(gt_labels))
    return sample


@pytest.mark.parametrize('deduplicate,expected', [(True, 1.0), (False, 0.5)])
def test_ground_truth_from_samples(deduplicate, expected):
    metric = TALDetectionMAP(tiou_thresholds=[0.5], deduplicate=deduplicate)
    metric.dataset_meta = dict(classes=('a', 'b'))
    # the duplicated ground truth counts twice without de-duplication
    metric.process({}, [_gt_sample('v1', ([[0, 10]], [0.9], [1]),
                                   [[0, 10], [0, 10]], [1, 1])])
    out = metric.compute_metrics(metric.results)
    assert out['average_mAP'] == pytest.approx(expected)
    assert out['num_classes'] == 1
