"""ActionFormer as a user walks it, on a synthesised SynthFeat: prepare →
train → resume → test with --dump and --show-dir → evaluate the dump →
infer on a raw video (features extracted by the recognizer the config
names) → convert a checkpoint in the release's format → test again."""
import json
import os.path as osp

import numpy as np
import pytest
import torch

from fga.models.converters import ACTIONFORMER_KEY_MAP
from tests.test_journeys.journey import (assert_picture, assert_same_weights,
                                         feature_extractor, invert_prefixes,
                                         last_json, load_state_dict,
                                         logged_metrics, write_video)

TINY = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(embed_dims=16, num_heads=2),
    neck=dict(in_channels=[16] * 6, out_channels=16),
    head=dict(in_channels=16, feat_channels=16))
data = dict(ann_file={ann!r}, data_prefix=dict(feature={feats!r}))
train_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False,
                        dataset=data)
val_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False,
                      dataset=data)
test_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False,
                       dataset=data)
val_evaluator = dict(ann_file={ann!r})
test_evaluator = dict(ann_file={ann!r})
train_cfg = dict(max_epochs=1, val_interval=1)
feature_extractor = dict(config={extractor!r}, checkpoint={weights!r},
                         clip_len=16, stride=4, short_side=64, crop_size=56)
"""


def test_actionformer_journey(tool, tmp_path, repo_root):
    data = tmp_path / 'synthfeat'
    tool('data/synthesize.py', 'synthfeat', '--out', data, '--videos', 10)
    extractor, weights = feature_extractor(tmp_path, 4)
    config = tmp_path / 'actionformer_tiny_synthfeat.py'
    ann = data / 'annotations.json'
    base = osp.join(repo_root, 'configs', 'actionformer',
                    'actionformer_convtransformer-d64_1xb4-30e_synthfeat.py')
    config.write_text(TINY.format(
        base=base, ann=str(ann), feats=str(data / 'features'),
        extractor=str(extractor), weights=str(weights)))
    work = tmp_path / 'work'

    tool('train.py', config, '--work-dir', work, '--seed', 0)
    tool('train.py', config, '--work-dir', work, '--resume', '--cfg-options',
         'train_cfg.max_epochs=2')
    checkpoint = work / 'epoch_2.pth'
    resumed = torch.load(checkpoint, weights_only=True, map_location='cpu')
    assert resumed['meta']['epoch'] == 2 and resumed['meta']['iter'] == 6

    dump, show = tmp_path / 'pred.json', tmp_path / 'show'
    tool('test.py', config, checkpoint, '--work-dir', tmp_path / 'test',
         '--dump', dump, '--show-dir', show)
    metrics = logged_metrics(tmp_path / 'test')
    results = json.loads(dump.read_text())['results']
    database = json.loads(ann.read_text())['database']
    assert sorted(results) == sorted(
        v for v, r in database.items() if r['subset'] == 'test')
    assert all(results.values())
    assert_picture(show / 'detections.png')

    evaluated = last_json(tool(
        'analysis_tools/eval_detections.py', ann, dump, '--subset', 'test',
        '--tiou', '0.3,0.4,0.5,0.6,0.7'))
    assert evaluated['mAP'] == pytest.approx(metrics['det/average_mAP'],
                                             abs=1e-6)

    # A raw video: streaming features from the extractor, then detections.
    rng = np.random.default_rng(0)
    video = write_video(tmp_path / 'match.avi',
                        rng.integers(0, 255, (48, 64, 80, 3), np.uint8))
    out_json, out_png = tmp_path / 'one.json', tmp_path / 'one.png'
    tool('infer.py', config, checkpoint, video, '--classes',
         data / 'classes.txt', '--out', out_json, '--out-png', out_png)
    inferred = json.loads(out_json.read_text())
    assert inferred['video'] == 'match' and inferred['fps'] == 25
    classes = (data / 'classes.txt').read_text().split()
    for detection in inferred['segments']:
        start, end = detection['segment']
        assert 0 <= start <= end <= 48 / 25 + 1e-3
        assert detection['label'] in classes
    assert_picture(out_png)

    # The release's .pth.tar: DataParallel names, the EMA weights it
    # evaluates, and no loss normaliser.
    state_dict = load_state_dict(checkpoint)
    skip = ['head.loss_normalizer']
    release = {f'module.{k}': v for k, v in invert_prefixes(
        state_dict, ACTIONFORMER_KEY_MAP, skip).items()}
    torch.save(dict(epoch=2, state_dict=release, state_dict_ema=release,
                    optimizer={}, scheduler={}),
               tmp_path / 'epoch_002.pth.tar')
    converted = tmp_path / 'converted.pth'
    tool('convert/actionformer_to_fga.py', tmp_path / 'epoch_002.pth.tar',
         converted, '--init-loss-norm', 20)
    assert_same_weights(converted, state_dict, skip)
    again = tmp_path / 'again.json'
    tool('test.py', config, converted, '--work-dir', tmp_path / 'test2',
         '--dump', again)
    assert json.loads(again.read_text()) == json.loads(dump.read_text())
    assert logged_metrics(tmp_path / 'test2') == metrics
