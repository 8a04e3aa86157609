import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from fga.models.converters import convert_tsm_checkpoint
from tests.test_journeys.journey import (REPO_ROOT, TSM_RELEASE_NAMES,
                                         rename_by_patterns)

CONFIG = osp.join(REPO_ROOT, 'configs', 'full_video',
                  'full-video-tsm_r18_1xb8-cumulative-g8-3e_move4mnist-rgb.py')


@pytest.fixture(scope='module')
def model():
    torch.manual_seed(0)
    return MODELS.build(Config.fromfile(CONFIG).model).eval()


def test_released_checkpoint_converts_to_the_same_model(model):
    released = dict(epoch=120, arch='resnet18', best_prec1=91.5,
                    state_dict=rename_by_patterns(
                        model.state_dict(), TSM_RELEASE_NAMES, 'module.'),
                    optimizer={})
    assert any('layer2.0.conv1.net' in k for k in released['state_dict'])
    state_dict, meta = convert_tsm_checkpoint(released)
    assert meta == dict(arch='resnet18', epoch=120, best_prec1=91.5)
    assert state_dict.keys() == model.state_dict().keys()
    for key, value in model.state_dict().items():
        assert torch.equal(state_dict[key], value), key

    torch.manual_seed(1)
    twin = MODELS.build(Config.fromfile(CONFIG).model).eval()
    twin.load_state_dict(state_dict, strict=True)
    frames = torch.randn(16, 3, 32, 32)
    with torch.no_grad():
        expected = model.backbone(frames, num_frames=16)
        assert torch.equal(twin.backbone(frames, num_frames=16), expected)


def test_head_without_dropout_and_unknown_keys():
    head = {'module.base_model.fc.weight': torch.zeros(4, 512),
            'module.base_model.fc.bias': torch.zeros(4)}
    state_dict, _ = convert_tsm_checkpoint({'state_dict': head})
    assert set(state_dict) == {'cls_head.fc_cls.weight',
                               'cls_head.fc_cls.bias'}
    with pytest.raises(KeyError, match='consensus.extra'):
        convert_tsm_checkpoint({'module.consensus.extra': torch.zeros(1)})
    with pytest.raises(ValueError, match='dict of tensors'):
        convert_tsm_checkpoint([1, 2])
