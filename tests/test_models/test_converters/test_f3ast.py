"""The F3AST converter on the reference's single-GPU format
(``{'model_state_dict': ...}``) and its check against a target config."""
import os.path as osp

import pytest
import torch

from fga.models.converters import (check_f3ast_geometry,
                                   convert_f3ast_checkpoint)
from tests.test_journeys.journey import REPO_ROOT, ToolFailed, run_tool

SYNTHRALLY = osp.join(REPO_ROOT, 'configs', 'f3ast',
                      'f3ast_r3d18-quarter_1xb4-64x2-12e_synthrally-rgb.py')
NOATTBIAS = osp.join(
    REPO_ROOT, 'configs', 'f3ast',
    'f3ast_slowfast-r50-noattbias_1xb4-128x3-50e_finetennis-rgb.py')


def _released(num_classes: int, clip_len: int) -> dict:
    """The reference's BaseRGBModel.state_dict(): module. already stripped,
    the vocabulary is the classes plus three special tokens."""
    vocabulary = num_classes + 3
    return dict(model_state_dict={
        '_decoder.generator.weight': torch.arange(
            vocabulary * 2, dtype=torch.float32).view(vocabulary, 2),
        '_decoder.generator.bias': torch.zeros(vocabulary),
        '_decoder.positional_encoding.pos_embedding': torch.zeros(1, 9, 2),
        'learn_vid_att.weight': torch.ones(clip_len * clip_len, 1),
    })


def test_model_state_dict_format_and_geometry():
    state_dict, meta = convert_f3ast_checkpoint(_released(40, 64))
    assert meta == dict(num_classes=40, clip_len=64)
    assert set(state_dict) == {'head.classifier.weight',
                               'head.classifier.bias',
                               'head.attention_bias.weight'}
    assert state_dict['head.classifier.weight'][42, 1].item() == 85.0


def test_geometry_check_names_both_sides():
    check_f3ast_geometry(dict(num_classes=40, clip_len=64),
                         dict(num_classes=40, clip_len=64))
    with pytest.raises(ValueError) as err:
        check_f3ast_geometry(dict(num_classes=56, clip_len=128),
                             dict(num_classes=40, clip_len=64))
    assert str(err.value) == (
        'the checkpoint has 56 classes, model.head.num_classes is 40; '
        'the checkpoint has an attention bias for clip_len 128, '
        'model.head.clip_len is 64')
    with pytest.raises(ValueError, match='attention_bias is False'):
        check_f3ast_geometry(dict(num_classes=56, clip_len=128),
                             dict(num_classes=56, clip_len=128,
                                  attention_bias=False))
    with pytest.raises(ValueError, match='no learned attention bias'):
        check_f3ast_geometry(dict(num_classes=56, clip_len=None),
                             dict(num_classes=56, clip_len=128))


def test_tool_checks_the_config(tmp_path):
    src, dst = tmp_path / 'checkpoint_043.pt', tmp_path / 'out.pth'
    torch.save(_released(40, 64), src)
    out = run_tool('convert/f3ast_to_fga.py', src, dst, '--config',
                   SYNTHRALLY)
    assert '(40 classes, clip_len 64)' in out
    saved = torch.load(dst, weights_only=True)
    assert saved['meta']['num_classes'] == 40
    assert saved['meta']['converted_from'] == 'checkpoint_043.pt'

    torch.save(_released(56, 128), src)
    dst.unlink()
    with pytest.raises(ToolFailed) as err:
        run_tool('convert/f3ast_to_fga.py', src, dst, '--config', NOATTBIAS)
    message = str(err.value)
    assert 'checkpoint_043.pt' in message and 'noattbias' in message
    assert 'clip_len 128, model.head.attention_bias is False' in message
    assert not dst.exists()
