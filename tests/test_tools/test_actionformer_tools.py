"""tools/train.py, tools/test.py --dump and eval_detections.py on a tiny
SynthFeat, plus the THUMOS14 converter."""
import json
import os.path as osp
import sys

import pytest

from fga.datasets.preparation import THUMOS14_CLASSES
from fga.datasets.synthetic import generate_synthfeat

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
default_hooks = dict(logger=dict(interval=1))
"""


@pytest.fixture(scope='module')
def synthfeat_small(tmp_path_factory):
    root = tmp_path_factory.mktemp('synthfeat')
    generate_synthfeat(str(root / 'sf'), seed=0, videos=10)
    return str(root / 'sf')


@pytest.fixture(scope='module')
def tiny_localizer(synthfeat_small, repo_root, tmp_path_factory):
    path = tmp_path_factory.mktemp('cfg') / 'tiny_actionformer.py'
    base = osp.join(repo_root, 'configs', 'actionformer',
                    'actionformer_convtransformer-d64_1xb4-30e_synthfeat.py')
    path.write_text(TINY.format(
        base=base, ann=osp.join(synthfeat_small, 'annotations.json'),
        feats=osp.join(synthfeat_small, 'features')))
    return str(path)


def test_train_test_dump_and_evaluate(run_tool, repo_root, tiny_localizer,
                                      synthfeat_small, tmp_path):
    work = tmp_path / 'work'
    proc = run_tool([sys.executable, 'tools/train.py', tiny_localizer,
                     '--work-dir', str(work)], cwd=repo_root)
    assert 'det/average_mAP' in proc.stdout + proc.stderr
    assert (work / 'epoch_1.pth').is_file()
    dump = tmp_path / 'pred.json'
    proc = run_tool([sys.executable, 'tools/test.py', tiny_localizer,
                     str(work / 'epoch_1.pth'), '--work-dir',
                     str(tmp_path / 't'), '--dump', str(dump)],
                    cwd=repo_root)
    results = json.loads(dump.read_text())['results']
    assert len(results) == 2  # the test subset
    detection = next(iter(results.values()))[0]
    assert set(detection) == {'segment', 'label', 'score'}
    assert detection['label'].startswith('SynthAction')
    proc = run_tool([sys.executable, 'tools/analysis_tools/eval_detections.py',
                     osp.join(synthfeat_small, 'annotations.json'),
                     str(dump), '--subset', 'test'], cwd=repo_root)
    last = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(last) == {'tiou', 'mAP_per_tiou', 'mAP'}
    assert len(last['mAP_per_tiou']) == 5 and 0 <= last['mAP'] <= 1
    # one unlabeled video from its features
    video = next(iter(results))
    out = tmp_path / 'one.json'
    proc = run_tool([sys.executable, 'tools/infer.py',
                     tiny_localizer, str(work / 'epoch_1.pth'),
                     osp.join(synthfeat_small, 'features', f'{video}.npy'),
                     '--fps', '30', '--out', str(out), '--classes',
                     osp.join(synthfeat_small, 'classes.txt')],
                    cwd=repo_root)
    single = json.loads(out.read_text())['segments']
    assert single and single[0]['label'].startswith('SynthAction')
    assert [d['score'] for d in single] == sorted(
        (d['score'] for d in single), reverse=True)


def test_eval_detections_oracle_and_thresholds(run_tool, repo_root,
                                               synthfeat_small, tmp_path):
    ann = osp.join(synthfeat_small, 'annotations.json')
    database = json.load(open(ann))['database']
    results = {
        video: [dict(segment=a['segment'], label=a['label'], score=1.0)
                for a in record['annotations']]
        for video, record in database.items() if record['subset'] == 'val'
    }
    pred = tmp_path / 'oracle.json'
    pred.write_text(json.dumps(dict(results=results)))
    proc = run_tool([sys.executable, 'tools/analysis_tools/eval_detections.py',
                     ann, str(pred), '--subset', 'val', '--tiou',
                     '0.5,0.75,0.95'], cwd=repo_root)
    last = json.loads(proc.stdout.strip().splitlines()[-1])
    assert last == dict(tiou=[0.5, 0.75, 0.95], mAP_per_tiou=[1.0] * 3,
                        mAP=1.0)
    proc = run_tool([sys.executable, 'tools/analysis_tools/eval_detections.py',
                     ann, str(pred), '--tiou', '0.5,abc'], cwd=repo_root,
                    check=False)
    assert proc.returncode != 0 and '--tiou' in proc.stderr


def test_thumos14_annotation_converter(run_tool, repo_root, tmp_path):
    classes = THUMOS14_CLASSES
    for split in ('val', 'test'):
        folder = tmp_path / split
        folder.mkdir()
        for name in classes + ('Ambiguous', ):
            (folder / f'{name}_{split}.txt').write_text('')
    (tmp_path / 'val' / 'Diving_val.txt').write_text(
        'video_validation_0000051 67.5 75.9\n')
    (tmp_path / 'val' / 'CliffDiving_val.txt').write_text(
        'video_validation_0000051 67.5 75.9\n')
    (tmp_path / 'test' / 'BaseballPitch_test.txt').write_text(
        'video_test_0000004 0.2 1.1\nvideo_test_0000004 2.0 3.5\n')
    (tmp_path / 'test' / 'Ambiguous_test.txt').write_text(
        'video_test_0000004 5.0 6.0\n')
    (tmp_path / 'meta.csv').write_text(
        'video,duration,fps\nvideo_validation_0000051,169.79,30\n'
        'video_test_0000004,33.4,30\n')
    out = tmp_path / 'thumos14.json'
    proc = run_tool([sys.executable,
                     'tools/data/thumos14/convert_annotations.py',
                     '--val-dir', str(tmp_path / 'val'), '--test-dir',
                     str(tmp_path / 'test'), '--meta',
                     str(tmp_path / 'meta.csv'), '--out', str(out)],
                    cwd=repo_root)
    assert 'Test: 1 videos, 2 instances' in proc.stdout
    database = json.loads(out.read_text())['database']
    val = database['video_validation_0000051']
    assert val['subset'] == 'Validation' and val['duration'] == 169.79
    assert sorted((a['label'], a['label_id']) for a in val['annotations']) \
        == [('CliffDiving', 4), ('Diving', 7)]
    assert [a['segment'] for a in database['video_test_0000004'][
        'annotations']] == [[0.2, 1.1], [2.0, 3.5]]
    (tmp_path / 'test' / 'BaseballPitch_test.txt').write_text(
        'video_test_0000004 2.0\n')
    proc = run_tool([sys.executable,
                     'tools/data/thumos14/convert_annotations.py',
                     '--val-dir', str(tmp_path / 'val'), '--test-dir',
                     str(tmp_path / 'test'), '--meta',
                     str(tmp_path / 'meta.csv'), '--out', str(out)],
                    cwd=repo_root, check=False)
    assert proc.returncode != 0
    assert 'BaseballPitch_test.txt:1: expected "video start end"' in \
        proc.stderr


EXTRACT_CONFIG = """
model = dict(
    type='Recognizer3D',
    backbone=dict(type='ResNet3d', depth=18, base_channels=8,
                  pretrained=None, pretrained2d=False, conv1_stride_t=1,
                  pool1_stride_t=1, inflate=(0, 0, 1, 1)),
    cls_head=dict(type='I3DHead', num_classes=3, in_channels=64),
    data_preprocessor=dict(type='ActionDataPreprocessor',
                           mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375],
                           format_shape='NCTHW'))
"""


def test_extract_features(run_tool, repo_root, tmp_path):
    import cv2
    import numpy as np
    import torch
    from mmaction.registry import MODELS
    from mmengine.config import Config
    videos = tmp_path / 'videos'
    videos.mkdir()
    writer = cv2.VideoWriter(str(videos / 'clip_a.avi'),
                             cv2.VideoWriter_fourcc(*'MJPG'), 25, (80, 64))
    rng = np.random.default_rng(0)
    for _ in range(40):
        writer.write(rng.integers(0, 255, (64, 80, 3), dtype=np.uint8))
    writer.release()
    (videos / 'broken.mp4').write_bytes(b'not a video')
    config = tmp_path / 'r3d.py'
    config.write_text(EXTRACT_CONFIG)
    model = MODELS.build(Config.fromfile(str(config)).model)
    torch.save(dict(state_dict=model.state_dict()), tmp_path / 'r3d.pth')
    out = tmp_path / 'feats'
    proc = run_tool([sys.executable, 'tools/data/extract_features.py',
                     str(config), str(tmp_path / 'r3d.pth'), str(videos),
                     str(out), '--clip-len', '16', '--stride', '4',
                     '--short-side', '64', '--crop-size', '56'],
                    cwd=repo_root, check=False)
    # the broken file is reported by name; the good one is written
    assert proc.returncode == 1 and 'broken.mp4' in proc.stderr
    feats = np.load(out / 'clip_a.npy')
    assert feats.shape == ((40 - 16) // 4 + 1, 64)
    assert feats.dtype == np.float32 and np.isfinite(feats).all()
    assert not list(out.glob('*.partial*'))
