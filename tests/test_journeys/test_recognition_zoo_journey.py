"""The recognition zoo as a user walks it: raw videos and Diving48-style
JSON lists → tools/data/diving48/prepare.py (frames and IBM list files) →
train a TAM-ResNet on FrameListDataset → resume → test with --dump and
--show-dir → score the dump → infer on a raw video → convert a
checkpoint in IBM's format → test again."""
import json
import os.path as osp
import pickle

import pytest
import torch

from fga.datasets.synthetic import generate_move4mnist
from tests.test_journeys.journey import (IBM_TAM_RESNET_NAMES, assert_picture,
                                         assert_same_weights,
                                         frame_folder_video, last_json,
                                         load_state_dict, logged_metrics,
                                         rename_by_patterns)

CLASSES = ['left', 'right', 'up', 'down']
TINY = """
_base_ = [{base!r}]
root = {root!r}
model = dict(
    backbone=dict(depth=18, pretrained=None),
    cls_head=dict(num_classes=4, in_channels=512, dropout_ratio=0.0))
frames = [
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(56, 56), keep_ratio=False),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=('img_shape', 'frame_dir')),
]
train_pipeline = [dict(type='SampleFrames', clip_len=1, frame_interval=1,
                       num_clips=8)] + frames
test_pipeline = [dict(type='SampleFrames', clip_len=1, frame_interval=1,
                      num_clips=8, test_mode=True)] + frames
lists = dict(num_classes=4, data_prefix=dict(img=root + '/rawframes'),
             metainfo=dict(classes={classes!r}))
train_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(**lists, ann_file=root + '/train.txt',
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(**lists, ann_file=root + '/val.txt', pipeline=test_pipeline))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=1, val_interval=1)
"""


def _raw_videos(folder, tmp_path):
    """Move4MNIST clips as .mp4 files and Diving48's JSON lists."""
    digits = tmp_path / 'digits'
    generate_move4mnist(str(digits), seed=0, train_per_class=2,
                        val_per_class=1)
    splits = {}
    for split in ('train', 'val'):
        lines = (digits / 'file_list' / f'movingmnist_rgb_{split}_split_1.txt'
                 ).read_text().split('\n')
        records = []
        for line in filter(None, lines):
            path, count, label = line.split()
            name = path.replace('/', '_')
            frame_folder_video(digits / path, folder / f'{name}.mp4')
            records.append(dict(vid_name=name, label=int(label),
                                start_frame=0, end_frame=int(count) - 1))
        splits[split] = tmp_path / f'{split}.json'
        splits[split].write_text(json.dumps(records))
    return splits


def test_recognition_zoo_journey(tool, tmp_path, repo_root):
    videos = tmp_path / 'rgb'
    videos.mkdir()
    splits = _raw_videos(videos, tmp_path)
    data = tmp_path / 'diving48'
    tool('data/diving48/prepare.py', splits['train'], splits['val'], videos,
         data, '--short-side', 64)
    assert len((data / 'train.txt').read_text().splitlines()) == 8
    config = tmp_path / 'tam_r18_tiny_move4mnist.py'
    config.write_text(TINY.format(
        base=osp.join(repo_root, 'configs', 'recognition', 'tam',
                      'tam_imagenet-pretrained-r50_8xb32-1x1x8-50e_diving48'
                      '-rgb.py'), root=str(data), classes=CLASSES))
    work = tmp_path / 'work'

    tool('train.py', config, '--work-dir', work, '--seed', 0)
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

    first = (data / 'val.txt').read_text().split()[0]
    from_frames = last_json(tool('infer.py', config, checkpoint,
                                 data / 'rawframes' / first))
    scores = results[0]['pred_score']
    assert [e['score'] for e in from_frames['top5']] == pytest.approx(
        sorted(scores.tolist(), reverse=True), abs=1e-6)
    assert from_frames['label'] == CLASSES[int(scores.argmax())]
    out_json, out_png = tmp_path / 'one.json', tmp_path / 'one.png'
    tool('infer.py', config, checkpoint, videos / f'{first}.mp4', '--out',
         out_json, '--out-png', out_png)
    inferred = json.loads(out_json.read_text())
    assert inferred['video'] == first
    assert sorted(e['label'] for e in inferred['top5']) == sorted(CLASSES)
    assert_picture(out_png)

    # IBM saves {'epoch', 'arch', 'state_dict', ...} from DataParallel.
    state_dict = load_state_dict(checkpoint)
    released = dict(epoch=2, arch='diving48-rgb-TAM-b3-sum-resnet-18-f8',
                    state_dict=rename_by_patterns(
                        state_dict, IBM_TAM_RESNET_NAMES, 'module.'))
    torch.save(released, tmp_path / 'model_best.pth.tar')
    converted = tmp_path / 'converted.pth'
    tool('convert/ibm_to_fga.py', tmp_path / 'model_best.pth.tar', converted)
    assert_same_weights(converted, state_dict)
    again = tmp_path / 'again.pkl'
    tool('test.py', config, converted, '--work-dir', tmp_path / 'test2',
         '--dump', again)
    with open(again, 'rb') as f:
        repeated = pickle.load(f)
    for first_run, second_run in zip(results, repeated):
        assert torch.equal(first_run['pred_score'], second_run['pred_score'])
    assert logged_metrics(tmp_path / 'test2') == metrics
