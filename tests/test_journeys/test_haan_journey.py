"""HAAN as a user walks it, on a synthesised SynthWeak: prepare (features
and HAAN's .npy annotations, converted to ActivityNet JSON for evaluation)
→ train → resume → test with --dump and --show-dir → evaluate the dump →
infer on a raw video (features extracted by the recognizer the config
names) → convert the models in the reference's released format
(encoder.pkl + fine_level_classifier.pkl) → test again."""
import json
import os.path as osp

import numpy as np
import pytest
import torch

from tests.test_journeys.journey import (assert_picture, feature_extractor,
                                         last_json, load_state_dict,
                                         logged_metrics, write_video)

TINY = """
_base_ = [{base!r}]
root = {root!r}
model = dict(head=dict(embed_channels=16, num_atomic_actions=6,
                       num_top_concepts=3,
                       fine_to_coarse=root + '/fine_to_coarse_mappings.json'))
dataset = dict(ann_path=root, features=root + '/features.npy',
               num_training_videos=30, val_fraction=0.2)
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
train_cfg = dict(max_epochs=1, val_interval=1)
feature_extractor = dict(config={extractor!r}, checkpoint={weights!r},
                         clip_len=8, stride=8, short_side=64, crop_size=56)
"""

TIOUS = [round(0.1 + 0.05 * i, 2) for i in range(9)]


def test_haan_journey(tool, tmp_path, repo_root):
    data = tmp_path / 'synthweak'
    tool('data/synthesize.py', 'synthweak', '--out', data, '--videos', 40)
    ann = tmp_path / 'synthweak.json'
    tool('data/haan/convert_annotations.py', data, ann,
         '--num-training-videos', 30)
    extractor, weights = feature_extractor(tmp_path, 8)
    config = tmp_path / 'haan_tiny_synthweak.py'
    config.write_text(TINY.format(
        base=osp.join(repo_root, 'configs', 'haan',
                      'haan_mlp-d64_1xb2-40e_synthweak.py'),
        root=str(data), extractor=str(extractor), weights=str(weights)))
    work = tmp_path / 'work'

    tool('train.py', config, '--work-dir', work, '--seed', 0)
    tool('train.py', config, '--work-dir', work, '--resume', '--cfg-options',
         'train_cfg.max_epochs=2')
    checkpoint = work / 'epoch_2.pth'
    resumed = torch.load(checkpoint, weights_only=True, map_location='cpu')
    assert resumed['meta']['epoch'] == 2

    dump, show = tmp_path / 'pred.json', tmp_path / 'show'
    tool('test.py', config, checkpoint, '--work-dir', tmp_path / 'test',
         '--dump', dump, '--show-dir', show)
    metrics = logged_metrics(tmp_path / 'test')
    results = json.loads(dump.read_text())['results']
    assert len(results) == 10  # the videos after the 30 training ones
    assert_picture(show / 'detections.png')

    evaluated = last_json(tool(
        'analysis_tools/eval_detections.py', ann, dump, '--subset',
        'testing', '--tiou', ','.join(map(str, TIOUS)), '--keep-duplicates'))
    assert evaluated['mAP'] == pytest.approx(metrics['det/average_mAP'],
                                             abs=1e-6)

    rng = np.random.default_rng(0)
    video = write_video(tmp_path / 'vault.avi',
                        rng.integers(0, 255, (96, 64, 80, 3), np.uint8))
    out_json, out_png = tmp_path / 'one.json', tmp_path / 'one.png'
    tool('infer.py', config, checkpoint, video, '--out', out_json,
         '--out-png', out_png)
    inferred = json.loads(out_json.read_text())
    assert inferred['video'] == 'vault'
    assert inferred['task'] == 'weak_localization'
    for detection in inferred['segments']:
        start, end = detection['segment']
        assert 0 <= start <= end <= 96 / 25 + 1e-3
        assert detection['label'].startswith('fine_')
    assert_picture(out_png)

    # The reference releases the encoder and the fine-level classifier as
    # torch.save(module.state_dict()) with its own MLP names; inference
    # needs nothing else.
    state_dict = load_state_dict(checkpoint)
    released = ('encoder', 'fine_level_classifier')
    for module in released:
        prefix = f'head.{module}.'
        torch.save({k[len(prefix):]: v for k, v in state_dict.items()
                    if k.startswith(prefix)},
                   tmp_path / f'{module}.pkl')
    converted = tmp_path / 'converted.pth'
    tool('convert/haan_to_fga.py', tmp_path / 'encoder.pkl',
         tmp_path / 'fine_level_classifier.pkl', converted, '--config',
         config)
    weights = load_state_dict(converted)
    assert set(weights) == set(state_dict)
    for key, value in state_dict.items():
        if key.split('.')[1] in released:
            assert torch.equal(weights[key], value), key
    again = tmp_path / 'again.json'
    tool('test.py', config, converted, '--work-dir', tmp_path / 'test2',
         '--dump', again)
    assert json.loads(again.read_text()) == json.loads(dump.read_text())
