"""Full-video recognition ("No frame left behind") as a user walks it, on
a synthesised Move4MNIST: prepare → train (uniform frames, then every
frame clustered) → resume across that switch → test with --dump and
--show-dir → score the dump → infer on a raw video → convert a checkpoint
in the reference's (TSM's) format → test again."""
import json
import os.path as osp
import pickle

import pytest
import torch

from tests.test_journeys.journey import (TSM_RELEASE_NAMES, assert_picture,
                                         assert_same_weights,
                                         frame_folder_video, last_json,
                                         load_state_dict, logged_metrics,
                                         rename_by_patterns)

CLASSES = ['left', 'right', 'up', 'down']
TINY = """
_base_ = [{base!r}]
root = {root!r}
lists = root + '/file_list/movingmnist_rgb_'
model = dict(cls_head=dict(dropout_ratio=0.0))
train_dataloader = dict(
    batch_size=4, num_workers=0,
    dataset=dict(ann_file=lists + 'train_split_1.txt',
                 data_prefix=dict(img=root)))
val_dataloader = dict(
    batch_size=4, num_workers=0,
    dataset=dict(ann_file=lists + 'val_split_1.txt',
                 data_prefix=dict(img=root)))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=1, val_interval=1)
"""


def test_full_video_journey(tool, tmp_path, repo_root):
    data = tmp_path / 'move4mnist'
    tool('data/synthesize.py', 'move4mnist', '--out', data,
         '--train-per-class', 2, '--val-per-class', 1)
    config = tmp_path / 'full-video-tsm_tiny_move4mnist.py'
    config.write_text(TINY.format(
        base=osp.join(repo_root, 'configs', 'full_video',
                      'full-video-tsm_r18_1xb8-cumulative-g8-3e_move4mnist'
                      '-rgb.py'), root=str(data)))
    work = tmp_path / 'work'

    tool('train.py', config, '--work-dir', work, '--seed', 0)
    # Epoch 2 runs after the switch to every frame (switch_epoch=1).
    tool('train.py', config, '--work-dir', work, '--resume', '--cfg-options',
         'train_cfg.max_epochs=2')
    checkpoint = work / 'epoch_2.pth'
    resumed = torch.load(checkpoint, weights_only=True, map_location='cpu')
    assert resumed['meta']['epoch'] == 2 and resumed['meta']['iter'] == 4

    dump, show = tmp_path / 'pred.pkl', tmp_path / 'show'
    tool('test.py', config, checkpoint, '--work-dir', tmp_path / 'test',
         '--dump', dump, '--show-dir', show)
    metrics = logged_metrics(tmp_path / 'test')
    with open(dump, 'rb') as f:
        results = pickle.load(f)
    assert len(results) == 4
    assert_picture(show / 'recognition.png')

    scored = last_json(tool('analysis_tools/report_accuracy.py', '--preds',
                            dump))
    assert scored['top1_accuracy'] == pytest.approx(metrics['acc/top1'])
    assert scored['top5_accuracy'] == pytest.approx(metrics['acc/top5'])

    # A raw video: the frames of a validation video as an .avi; the frame
    # folder itself gives exactly its --dump scores.
    first = (data / 'file_list' / 'movingmnist_rgb_val_split_1.txt'
             ).read_text().split()[0]
    frames = data / first
    from_frames = last_json(tool('infer.py', config, checkpoint, frames))
    scores = results[0]['pred_score']
    assert [e['score'] for e in from_frames['top5']] == pytest.approx(
        sorted(scores.tolist(), reverse=True), abs=1e-6)
    assert from_frames['label'] == CLASSES[int(scores.argmax())]
    out_json, out_png = tmp_path / 'one.json', tmp_path / 'one.png'
    tool('infer.py', config, checkpoint,
         frame_folder_video(frames, tmp_path / 'digit.avi'), '--out',
         out_json, '--out-png', out_png)
    inferred = json.loads(out_json.read_text())
    assert inferred['video'] == 'digit'
    assert sorted(e['label'] for e in inferred['top5']) == sorted(CLASSES)
    assert_picture(out_png)

    state_dict = load_state_dict(checkpoint)
    released = dict(epoch=2, arch='resnet18', best_prec1=50.0,
                    optimizer={}, state_dict=rename_by_patterns(
                        state_dict, TSM_RELEASE_NAMES, 'module.'))
    torch.save(released, tmp_path / 'ckpt.best.pth.tar')
    converted = tmp_path / 'converted.pth'
    tool('convert/tsm_to_fga.py', tmp_path / 'ckpt.best.pth.tar', converted)
    assert_same_weights(converted, state_dict)
    again = tmp_path / 'again.pkl'
    tool('test.py', config, converted, '--work-dir', tmp_path / 'test2',
         '--dump', again)
    with open(again, 'rb') as f:
        repeated = pickle.load(f)
    for first_run, second_run in zip(results, repeated):
        assert torch.equal(first_run['pred_score'], second_run['pred_score'])
    assert logged_metrics(tmp_path / 'test2') == metrics
