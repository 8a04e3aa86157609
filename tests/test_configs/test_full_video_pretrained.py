"""The UCF101/HMDB51 full-video configs start from MMAction2's public
Kinetics-400 TSM-R50, whose layer1 names the hook renames on load."""
import glob
import os.path as osp
from types import SimpleNamespace

import mmaction
import pytest
from mmaction.registry import HOOKS, MODELS
from mmengine.config import Config

from fga.engine.checkpoint_fit import checkpoint_fit

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    glob.glob(osp.join(ROOT, 'configs', 'full_video', '*kinetics400*.py')))
# The Weights entry of MMAction2's configs/recognition/tsm/metafile.yml.
URL = ('https://download.openmmlab.com/mmaction/v1.0/recognition/tsm/'
       'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb/'
       'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb_'
       '20220831-64d69186.pth')
# The config that checkpoint was trained with, as MMAction2 installs it.
MMACTION_TSM = osp.join(
    osp.dirname(mmaction.__file__), '.mim', 'configs', 'recognition', 'tsm',
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb.py')


def test_both_configs_load_the_public_checkpoint():
    assert [osp.basename(p).split('_')[-1] for p in CONFIGS] == [
        'hmdb51-rgb.py', 'ucf101-rgb.py'
    ]
    for path in CONFIGS:
        cfg = Config.fromfile(path)
        assert cfg.load_from == URL
        assert cfg.default_hooks.revise_checkpoint_keys.type == \
            'ReviseCheckpointKeysHook'
        assert [h['type'] for h in cfg.custom_hooks] == [
            'FullVideoSamplingHook'
        ]


@pytest.mark.parametrize('path', CONFIGS[-1:], ids=['ucf101'])
def test_mmaction_tsm_fills_everything_but_the_classifier(path):
    cfg = Config.fromfile(path)
    model = MODELS.build(cfg.model).state_dict()
    mmaction_cfg = Config.fromfile(MMACTION_TSM).model
    mmaction_cfg.backbone.pretrained = None
    released = MODELS.build(mmaction_cfg).state_dict()
    assert 'backbone.layer1.0.conv1.conv.net.weight' in released

    before = checkpoint_fit(model, released)
    assert sorted(before['missing']) == [
        f'backbone.layer1.{i}.conv1.conv.weight' for i in range(3)
    ]

    checkpoint = dict(meta={}, state_dict=released)
    hook = HOOKS.build(cfg.default_hooks.revise_checkpoint_keys)
    hook.after_load_checkpoint(
        SimpleNamespace(_resume=False, _load_from=URL), checkpoint)
    fit = checkpoint_fit(model, checkpoint['state_dict'])
    assert fit['missing'] == [] and fit['unexpected'] == []
    assert fit['mismatched'] == [
        ('cls_head.fc_cls.weight', (101, 2048), (400, 2048)),
        ('cls_head.fc_cls.bias', (101, ), (400, )),
    ]
    assert fit['fraction'] == 1 - 101 * 2049 / fit['total']
    renamed = checkpoint['state_dict']['backbone.layer1.2.conv1.conv.weight']
    assert renamed is released['backbone.layer1.2.conv1.conv.net.weight']


def test_resume_checkpoints_are_left_alone():
    hook = HOOKS.build(
        Config.fromfile(CONFIGS[0]).default_hooks.revise_checkpoint_keys)
    state = {'backbone.layer1.0.conv1.conv.net.weight': 1}
    checkpoint = dict(state_dict=dict(state))
    hook.after_load_checkpoint(SimpleNamespace(_resume=True), checkpoint)
    assert checkpoint['state_dict'] == state
    with pytest.raises(ValueError, match='pattern, replacement'):
        HOOKS.build(dict(type='ReviseCheckpointKeysHook',
                         revise_keys=[('a', 'b', 'c')]))
