import logging

import pytest
import torch
from mmaction.registry import MODELS, OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.config import Config
from mmengine.logging import MMLogger
from mmengine.optim import DefaultOptimWrapperConstructor

from fga.engine.optimizers import summarize_param_groups

CONFIG = ('configs/actionformer/'
          'actionformer_convtransformer-d64_1xb4-30e_synthfeat.py')


class _Capture(logging.Handler):

    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def logger_lines():
    logger = MMLogger.get_instance('h12a_optim_test')
    capture = _Capture()
    logger.addHandler(capture)
    yield capture.lines
    logger.removeHandler(capture)


def _build(cfg, constructor, model):
    wrapper_cfg = cfg.optim_wrapper.copy()
    wrapper_cfg.pop('constructor', None)
    paramwise_cfg = wrapper_cfg.pop('paramwise_cfg', None)
    return constructor(wrapper_cfg, paramwise_cfg)(model)


def test_same_groups_as_mmengine_and_one_line(repo_root, logger_lines):
    cfg = Config.fromfile(f'{repo_root}/{CONFIG}')
    assert cfg.optim_wrapper.constructor == 'CompactLogOptimWrapperConstructor'
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    ours = _build(cfg, OPTIM_WRAPPER_CONSTRUCTORS.get(
        cfg.optim_wrapper.constructor), model).optimizer
    ours_lines = list(logger_lines)
    logger_lines.clear()
    reference = _build(cfg, DefaultOptimWrapperConstructor, model).optimizer
    assert len(ours.param_groups) == len(reference.param_groups)
    for mine, theirs in zip(ours.param_groups, reference.param_groups):
        assert [id(p) for p in mine['params']] == [
            id(p) for p in theirs['params']
        ]
        assert {k: v for k, v in mine.items() if k != 'params'} == {
            k: v for k, v in theirs.items() if k != 'params'
        }
    paramwise = [line for line in logger_lines if 'paramwise_options' in line]
    assert len(paramwise) > 20  # what the summary replaces
    assert not any('paramwise_options' in line for line in ours_lines)
    summary = [line for line in ours_lines if line.startswith('AdamW: ')]
    assert len(summary) == 1
    tensors = sum(len(g['params']) for g in reference.param_groups)
    decayed = sum(
        len(g['params']) for g in reference.param_groups
        if g['weight_decay'] > 0)
    assert f'AdamW: {tensors} parameter tensors in 2 settings: ' in summary[0]
    assert f'decay ({decayed} tensors' in summary[0]
    assert f'no-decay ({tensors - decayed} tensors' in summary[0]
    assert 'weight_decay=0.05' in summary[0]


def test_summarize_param_groups_merges_settings():
    weights = [torch.zeros(3, 4), torch.zeros(5)]
    biases = [torch.zeros(2)]
    groups = [
        dict(params=[weights[0]], lr=0.1, weight_decay=0.01),
        dict(params=[weights[1]], lr=0.1, weight_decay=0.01),
        dict(params=biases, lr=0.1, weight_decay=0.0),
    ]
    assert summarize_param_groups(groups) == (
        '3 parameter tensors in 2 settings: decay (2 tensors, 17 values, '
        'lr=0.1, weight_decay=0.01), no-decay (1 tensors, 2 values, lr=0.1, '
        'weight_decay=0)')
