"""F3AST as a user walks it, on a synthesised SynthRally: prepare → train
→ resume → test with --dump and --show-dir → evaluate the dump → infer on
a raw video → convert a checkpoint in the reference's format → test
again."""
import json
import os.path as osp

import pytest
import torch

from fga.models.converters import F3AST_KEY_MAP
from tests.test_journeys.journey import (assert_picture, assert_same_weights,
                                         frame_folder_video, invert_prefixes,
                                         last_json, load_state_dict,
                                         logged_metrics)

TINY = """
_base_ = [{base!r}]
model = dict(
    backbone=dict(base_channels=8),
    head=dict(in_channels=64, d_model=32, num_heads=4, ffn_channels=64,
              clip_len=8, max_queue=60, frame_loss_weight=0.0))
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


def test_f3ast_journey(tool, tmp_path, repo_root):
    data = tmp_path / 'synthrally'
    tool('data/synthesize.py', 'synthrally', '--out', data, '--videos', 10,
         '--max-shots', 4, '--seed', 3)
    config = tmp_path / 'f3ast_tiny_synthrally.py'
    base = osp.join(repo_root, 'configs', 'f3ast',
                    'f3ast_r3d18-quarter_1xb4-64x2-12e_synthrally-rgb.py')
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
    predictions = json.loads(dump.read_text())
    truth = json.loads((data / 'test.json').read_text())
    assert sorted(p['video'] for p in predictions) == sorted(
        v['video'] for v in truth)
    assert_picture(show / 'timelines.png')

    evaluated = last_json(tool(
        'analysis_tools/eval_sequences.py', data / 'test.json', dump,
        '--classes', data / 'classes.txt', '--attributes', 'side', 'hand',
        'type', 'direction', 'outcome'))
    assert 'hand_accuracy' in evaluated
    assert evaluated == pytest.approx(
        {k[len('seq/'):]: v for k, v in metrics.items()
         if k.startswith('seq/')}, abs=1e-6)

    # One raw video: the frames of a test rally as an .avi; the frame
    # folder itself gives exactly its --dump record.
    video = predictions[0]['video']
    frames = data / 'frames' / video
    single = last_json(tool('infer.py', config, checkpoint, frames))
    assert single['labels'] == predictions[0]['labels']
    out_json, out_png = tmp_path / 'one.json', tmp_path / 'one.png'
    tool('infer.py', config, checkpoint,
         frame_folder_video(frames, tmp_path / f'{video}.avi'),
         '--out', out_json, '--out-png', out_png)
    inferred = json.loads(out_json.read_text())
    assert inferred['video'] == video and inferred['task'] == 'sequence'
    assert len(inferred['scores']) == len(inferred['labels'])
    assert_picture(out_png)

    # The reference saves {'model_state_dict': ...} with its own names and
    # its positional tables, which fga recomputes.
    state_dict = load_state_dict(checkpoint)
    released = invert_prefixes(state_dict, F3AST_KEY_MAP)
    released['_encoder.positional_encoding.pos_embedding'] = torch.zeros(
        1, 64, 32)
    torch.save(dict(model_state_dict=released), tmp_path / 'released.pt')
    converted = tmp_path / 'converted.pth'
    tool('convert/f3ast_to_fga.py', tmp_path / 'released.pt', converted,
         '--config', config)
    assert_same_weights(converted, state_dict)
    again = tmp_path / 'again.json'
    tool('test.py', config, converted, '--work-dir', tmp_path / 'test2',
         '--dump', again)
    assert json.loads(again.read_text()) == predictions
    assert logged_metrics(tmp_path / 'test2') == metrics
