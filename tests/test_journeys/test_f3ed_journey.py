"""F3ED as a user walks it, on a synthesised SynthRally (its F3Set view):
prepare → train → resume → test with --dump and --show-dir → evaluate the
dump → infer on a raw video."""
import json
import os.path as osp

import pytest
import torch

from tests.test_journeys.journey import (assert_picture, frame_folder_video,
                                         last_json, logged_metrics)

TINY = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(base_channels=8),
    head=dict(in_channels=64, hidden_channels=16,
              context=dict(hidden_channels=8)))
data = dict(data_root={root!r}, clip_len=8, stride=4, pad_len=2)
train_dataloader = dict(
    batch_size=2, num_workers=0, persistent_workers=False,
    dataset=dict(**data, num_train_clips=4))
val_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(**data))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=1, val_interval=1)
"""


def test_f3ed_journey(tool, tmp_path, repo_root):
    data = tmp_path / 'synthrally'
    tool('data/synthesize.py', 'synthrally', '--out', data, '--videos', 10,
         '--max-shots', 4, '--seed', 3)
    config = tmp_path / 'f3ed_tiny_synthrally.py'
    base = osp.join(repo_root, 'configs', 'f3ed',
                    'f3ed_r3d18-quarter-bigru-ctx_1xb4-64x2-12e_'
                    'synthrally-rgb.py')
    config.write_text(TINY.format(base=base, root=str(data)))
    work = tmp_path / 'work'

    tool('train.py', config, '--work-dir', work, '--seed', 0)
    assert (work / 'epoch_1.pth').is_file()
    tool('train.py', config, '--work-dir', work, '--resume', '--cfg-options',
         'train_cfg.max_epochs=2')
    checkpoint = work / 'epoch_2.pth'
    resumed = torch.load(checkpoint, weights_only=True, map_location='cpu')
    assert resumed['meta']['epoch'] == 2
    assert resumed['meta']['iter'] == 2 * 2  # 4 clips in batches of 2

    dump, show = tmp_path / 'pred.json', tmp_path / 'show'
    tool('test.py', config, checkpoint, '--work-dir', tmp_path / 'test',
         '--dump', dump, '--show-dir', show)
    metrics = logged_metrics(tmp_path / 'test')
    assert {'f3ed/event_f1@1', 'f3ed/element_f1@1', 'f3ed/edit'} <= set(
        metrics)
    predictions = json.loads(dump.read_text())
    truth = json.loads((data / 'test.json').read_text())
    assert sorted(p['video'] for p in predictions) == sorted(
        v['video'] for v in truth)
    for record in predictions:
        assert record['stride'] == 4
        for event in record['events']:
            assert set(event) == {'frame', 'label', 'elements', 'score'}
            assert event['frame'] % 4 == 0 and 0 <= event['score'] <= 1
    assert_picture(show / 'f3ed_events.png')

    evaluated = last_json(tool('analysis_tools/eval_f3ed.py',
                               data / 'test.json', dump))
    assert evaluated == pytest.approx(
        {k[len('f3ed/'):]: v for k, v in metrics.items()
         if k.startswith('f3ed/')}, abs=1e-6)

    # One raw video: the frame folder gives exactly its --dump record; the
    # same frames as an .avi run through decord.
    record = predictions[0]
    frames = data / 'frames' / record['video']
    single = last_json(tool('infer.py', config, checkpoint, frames))
    assert single['task'] == 'f3ed'
    assert single['events'] == [
        dict(e, score=round(e['score'], 4)) for e in record['events']
    ]
    out_json, out_png = tmp_path / 'one.json', tmp_path / 'one.png'
    tool('infer.py', config, checkpoint,
         frame_folder_video(frames, tmp_path / f'{record["video"]}.avi'),
         '--out', out_json, '--out-png', out_png)
    inferred = json.loads(out_json.read_text())
    assert inferred['video'] == record['video']
    assert inferred['fps'] == 25.0
    assert all('time' in e for e in inferred['events'])
    assert_picture(out_png, min_colours=3)
