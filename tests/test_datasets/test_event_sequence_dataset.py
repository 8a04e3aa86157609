import json
import os.path as osp

import cv2
import numpy as np
import pytest
from mmaction.registry import DATASETS
from mmengine.config import Config

from fga.datasets import EventSequenceDataset
from fga.models.utils import sequence_targets

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _synthrally_cfg(root):
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', '_base_', 'datasets', 'sequence',
                 'synthrally.py'))
    for loader in ('train_dataloader', 'test_dataloader'):
        cfg[loader].dataset.data_root = root
    return cfg


def test_training_item(synthrally_small):
    np.random.seed(0)
    dataset = DATASETS.build(_synthrally_cfg(synthrally_small)
                             .train_dataloader.dataset)
    assert len(dataset) == 200
    item = dataset[0]
    sample = item['data_samples']
    assert item['inputs'].shape == (1, 3, 64, 64, 96)
    tokens = sequence_targets([sample.event_labels], 30)[0].tolist()
    k = len(sample.event_labels)
    assert tokens[0] == 1 and tokens[k + 1] == 2
    assert tokens[1:k + 1] == [c + 3 for c in sample.event_labels.tolist()]
    # Every event lies inside the window and on a valid frame.
    positions = sample.event_positions.numpy()
    assert ((positions >= 0) & (positions < 64)).all()
    assert sample.valid_mask[np.floor(positions).astype(int)].all()


def test_evaluation_clips_cover_each_video(synthrally_small):
    dataset = DATASETS.build(_synthrally_cfg(synthrally_small)
                             .test_dataloader.dataset)
    records = json.load(open(osp.join(synthrally_small, 'test.json')))
    assert len(dataset) == sum(
        len(range(-4, r['num_frames'], 128)) for r in records)
    item = dataset[0]
    sample = item['data_samples']
    assert sample.metainfo['clip_start'] == -4
    assert sample.metainfo['clip_start_index'] == -2
    assert not sample.valid_mask[:2].any() and sample.valid_mask[2]
    assert sample.gt_sequence.tolist() == [
        dataset.class_to_index[e['label']] for e in records[0]['events']]


def test_video_files_through_decord(tmp_path):
    pytest.importorskip('decord')
    (tmp_path / 'classes.txt').write_text('start\nend\nhit\n')
    writer = cv2.VideoWriter(str(tmp_path / 'v1.avi'),
                             cv2.VideoWriter_fourcc(*'MJPG'), 10, (32, 24))
    for i in range(12):
        writer.write(np.full((24, 32, 3), 10 * i, np.uint8))
    writer.release()
    (tmp_path / 'test.json').write_text(json.dumps(
        [dict(video='v1', num_frames=12, events=[dict(frame=4,
                                                      label='hit')])]))
    dataset = EventSequenceDataset(
        'test.json', 'classes.txt', data_root=str(tmp_path),
        data_prefix=dict(video=''), video_ext='.avi', clip_len=8, stride=1,
        pad_len=2, test_mode=True, pipeline=[
            dict(type='SampleEventWindow'),
            dict(type='PaddedDecordDecode'),
            dict(type='FormatShape', input_format='NCTHW'),
            dict(type='PackEventSequenceInputs')
        ])
    assert len(dataset) == 2
    item = dataset[1]
    assert item['inputs'].shape == (1, 3, 8, 24, 32)
    assert (~item['data_samples'].valid_mask).tolist() == \
        [False] * 6 + [True] * 2


def test_absurd_num_frames_is_checked_against_the_media(tmp_path):
    (tmp_path / 'classes.txt').write_text('start\nend\nhit\n')
    folder = tmp_path / 'frames' / 'v1'
    folder.mkdir(parents=True)
    for i in range(93):
        cv2.imwrite(str(folder / f'{i:06d}.jpg'), np.zeros((4, 4, 3)))
    for num_frames, media, message in (
            (10**15, dict(), 'its frame folder .* holds 93 images'),
            (10**15, dict(video_ext='.mp4'),
             'its video file .*v1.mp4 has 1000 bytes, fewer than one per '
             'frame')):
        if media:
            (tmp_path / 'frames' / 'v1.mp4').write_bytes(b'\0' * 1000)
        (tmp_path / 'ann.json').write_text(json.dumps([dict(
            video='v1', num_frames=num_frames, events=[])]))
        for test_mode in (False, True):
            with pytest.raises(ValueError, match=r'ann.json: video v1: '
                               rf'num_frames is {num_frames}, but ' +
                               message):
                EventSequenceDataset(
                    str(tmp_path / 'ann.json'), str(tmp_path / 'classes.txt'),
                    pipeline=[], data_prefix=dict(
                        video=str(tmp_path / 'frames')), test_mode=test_mode,
                    **media)
    # A dump a few frames short of num_frames is a trimmed video, not an
    # error (the decoder pads its end).
    (tmp_path / 'ann.json').write_text(json.dumps([dict(
        video='v1', num_frames=100, events=[])]))
    dataset = EventSequenceDataset(
        str(tmp_path / 'ann.json'), str(tmp_path / 'classes.txt'),
        pipeline=[], data_prefix=dict(video=str(tmp_path / 'frames')),
        test_mode=True)
    assert len(dataset) == 1
