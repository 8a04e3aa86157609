import re

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from fga.models.converters import convert_tsm_checkpoint

CONFIG = ('configs/full_video/'
          'full-video-tsm_r18_1xb8-cumulative-g8-3e_move4mnist-rgb.py')

# fga name → the name TSM's main.py saves (torchvision ResNet in
# ``module.base_model``, the dropout head's ``module.new_fc``).
_TO_REFERENCE = [
    (r'cls_head\.fc_cls\.(\w+)', r'new_fc.\1'),
    (r'backbone\.conv1\.conv\.weight', r'base_model.conv1.weight'),
    (r'backbone\.conv1\.bn\.(\w+)', r'base_model.bn1.\1'),
    (r'backbone\.(layer\d\.\d)\.conv1\.conv\.net\.weight',
     r'base_model.\1.conv1.net.weight'),
    (r'backbone\.(layer\d\.\d)\.conv(\d)\.conv\.weight',
     r'base_model.\1.conv\2.weight'),
    (r'backbone\.(layer\d\.\d)\.conv(\d)\.bn\.(\w+)',
     r'base_model.\1.bn\2.\3'),
    (r'backbone\.(layer\d\.\d)\.downsample\.conv\.weight',
     r'base_model.\1.downsample.0.weight'),
    (r'backbone\.(layer\d\.\d)\.downsample\.bn\.(\w+)',
     r'base_model.\1.downsample.1.\2'),
]


def reference_state_dict(state_dict):
    out = {}
    for key, value in state_dict.items():
        for pattern, template in _TO_REFERENCE:
            match = re.fullmatch(pattern, key)
            if match:
                out['module.' + match.expand(template)] = value
                break
        else:
            raise AssertionError(f'no reference name for {key}')
    return out


@pytest.fixture(scope='module')
def model():
    torch.manual_seed(0)
    return MODELS.build(Config.fromfile(CONFIG).model).eval()


def test_released_checkpoint_converts_to_the_same_model(model):
    released = dict(epoch=120, arch='resnet18', best_prec1=91.5,
                    state_dict=reference_state_dict(model.state_dict()),
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
