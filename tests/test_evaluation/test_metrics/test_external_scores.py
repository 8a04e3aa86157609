"""TALDetectionMAP with external video-level scores (ActionFormer's
ActivityNet protocol) on a two-video example computed by hand."""
import json

import numpy as np
import pytest

from fga.annotations.file_io import AnnotationError
from fga.evaluation import TALDetectionMAP

# label_id order (Jump 0, Run 1) differs from the score file's names.
DATABASE = dict(database=dict(
    a=dict(subset='validation', duration=10.0, annotations=[
        dict(segment=[0.0, 1.0], label='Jump', label_id=0)]),
    b=dict(subset='validation', duration=10.0, annotations=[
        dict(segment=[2.0, 3.0], label='Run', label_id=1)])))


def _files(tmp_path, results, names=('Run', 'Jump')):
    ann, ext = tmp_path / 'anet.json', tmp_path / 'cuhk_val_simp_share.json'
    ann.write_text(json.dumps(DATABASE))
    content = dict(results=results, version='test')
    if names is not None:
        content['class'] = list(names)
    ext.write_text(json.dumps(content))
    return str(ann), str(ext)


def _evaluate(ann, ext, **kwargs):
    metric = TALDetectionMAP(
        ann_file=ann, subsets='validation', tiou_thresholds=[0.5, 0.75],
        external_scores=dict(file=ext, topk=2), **kwargs)
    metric.dataset_meta = dict(classes=['Action'])
    # class-agnostic proposals, exactly on the ground truth
    metric.process(None, [
        dict(video_id='a', pred_instances=dict(
            segments=np.array([[0.0, 1.0]]), scores=np.array([1.0]),
            labels=np.array([0]))),
        dict(video_id='b', pred_instances=dict(
            segments=np.array([[2.0, 3.0]]), scores=np.array([0.49]),
            labels=np.array([0]))),
    ])
    return metric.compute_metrics(metric.results)


def test_fused_map_by_hand(tmp_path):
    # a: Jump sqrt(.55) = .742 (hit), Run sqrt(.45) = .671 (false);
    # b: Run sqrt(.8 x .49) = .626 (hit), Jump sqrt(.15 x .49) = .271.
    # Jump AP 1; Run ranks the false one first: AP 1/2. mAP 0.75.
    ann, ext = _files(tmp_path, dict(a=[0.45, 0.55], b=[0.8, 0.15]))
    metrics = _evaluate(ann, ext)
    assert metrics['mAP@0.50'] == pytest.approx(0.75)
    assert metrics['average_mAP'] == pytest.approx(0.75)
    assert metrics['num_classes'] == 2

    # Without names, score i is label_id i (the release's convention):
    # index 0 is then Jump, and a's best class (index 1) is Run.
    ann, ext = _files(tmp_path, dict(a=[0.45, 0.55], b=[0.8, 0.15]),
                      names=None)
    metrics = _evaluate(ann, ext)
    # Jump: b .626 (false), a .671 (hit) → AP 1; Run: a .742 (false),
    # b .271 (hit) → AP 1/2.
    assert metrics['average_mAP'] == pytest.approx(0.75)
    ann, ext = _files(tmp_path, dict(a=[0.9, 0.1], b=[0.2, 0.8]),
                      names=None)
    assert _evaluate(ann, ext)['average_mAP'] == pytest.approx(1.0)


def test_malformed_score_files_are_named(tmp_path):
    ann, ext = _files(tmp_path, dict(a=[0.45, 0.55], b=['x', 0.15]))
    with pytest.raises(AnnotationError, match=r'cuhk_val_simp_share\.json: '
                       r'video b: score 0 must be a number'):
        _evaluate(ann, ext)
    ann, ext = _files(tmp_path, dict(a=[0.45, 0.55], b=[0.8]))
    with pytest.raises(AnnotationError, match='video b: 1 scores, expected '
                       '2'):
        _evaluate(ann, ext)
    ann, ext = _files(tmp_path, dict(a=[0.45, 0.55]))
    with pytest.raises(AnnotationError, match=r'cuhk_val_simp_share\.json: '
                       'no scores for video b'):
        _evaluate(ann, ext)
    ann, ext = _files(tmp_path, dict(a=[1, 2, 3], b=[1, 2, 3]), names=None)
    with pytest.raises(AnnotationError, match='3 scores per video and no '
                       '"class" names, but .*anet.json has 2 classes'):
        _evaluate(ann, ext)
    with pytest.raises(ValueError, match='class_agnostic=False'):
        _evaluate(ann, ext, class_agnostic=True)
