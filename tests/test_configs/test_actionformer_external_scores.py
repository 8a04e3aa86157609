"""ActivityNet evaluates with the release's external-score fusion; THUMOS14
has the option, off."""
import json
import os.path as osp

import pytest
from mmaction.registry import METRICS
from mmengine.config import Config

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
ANET = osp.join(ROOT, 'configs', 'actionformer',
                'actionformer_convtransformer-d256_1xb16-15e_activitynet-'
                'tsp-feature.py')
THUMOS = osp.join(ROOT, 'configs', 'actionformer',
                  'actionformer_convtransformer_1xb2-35e_thumos14-i3d-'
                  'feature.py')


def test_activitynet_fuses_as_the_release(tmp_path):
    cfg = Config.fromfile(ANET)
    for evaluator in (cfg.val_evaluator, cfg.test_evaluator):
        assert evaluator.class_agnostic is False
        assert evaluator.external_scores == dict(
            file='data/activitynet/annotations/cuhk_val_simp_share.json',
            topk=2, num_pred=200)
    # the model and the training data stay class-agnostic
    assert cfg.model.head.num_classes == 1
    assert cfg.val_dataloader.dataset.class_agnostic is True

    with pytest.raises(FileNotFoundError,
                       match='cuhk_val_simp_share.json does not exist: '):
        METRICS.build(cfg.test_evaluator)
    scores = tmp_path / 'scores.json'
    scores.write_text(json.dumps(dict(results={'v1': [0.2, 0.8]},
                                      **{'class': ['a', 'b']})))
    metric = METRICS.build(dict(cfg.test_evaluator, external_scores=dict(
        cfg.test_evaluator.external_scores, file=str(scores))))
    assert metric.external['classes'] == ['a', 'b']
    assert (metric.external['topk'], metric.external['num_pred']) == (2, 200)


def test_thumos_has_the_option_off():
    cfg = Config.fromfile(THUMOS)
    assert cfg.test_evaluator.external_scores is None
    assert METRICS.build(cfg.test_evaluator).external is None
