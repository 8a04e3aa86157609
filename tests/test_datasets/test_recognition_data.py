"""IBM-style frame lists, the Move4MNIST generator and the sampling
switch."""
import os.path as osp

import cv2
import numpy as np
import pytest
from mmaction.datasets import RawframeDataset

from fga.annotations import read_lines
from fga.datasets import FrameListDataset
from fga.datasets.synthetic import generate_move4mnist
from fga.engine.hooks import FullVideoSamplingHook

PIPELINE = [
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=4),
    dict(type='RawFrameDecode'),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs'),
]


def _frames(folder, first, last):
    folder.mkdir(parents=True)
    for i in range(first, last + 1):
        cv2.imwrite(
            str(folder / f'{i:05d}.jpg'), np.full((8, 8, 3), i, np.uint8))


def test_ibm_lists(tmp_path):
    _frames(tmp_path / 'a', 1, 10)
    _frames(tmp_path / 'b', 1, 3)
    (tmp_path / 'train.txt').write_text('a 1 10 2\nb;1;3;0\n')
    dataset = FrameListDataset(
        str(tmp_path / 'train.txt'),
        PIPELINE,
        num_classes=3,
        data_prefix=dict(img=str(tmp_path)))
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    assert [d['label'] for d in infos] == [2, 0]
    assert infos[1]['total_frames'] == 3
    item = dataset[0]
    assert item['inputs'].shape == (4, 3, 8, 8)
    # 1-based frames: the decoded pixel values are frame numbers 1..10
    assert 1 <= item['inputs'].min() and item['inputs'].max() <= 10
    # the short video (3 frames, 4 requested) loops instead of failing
    assert dataset[1]['inputs'].shape == (4, 3, 8, 8)
    (tmp_path / 'test.txt').write_text('a 1 10\n')
    test = FrameListDataset(
        str(tmp_path / 'test.txt'),
        PIPELINE,
        num_classes=3,
        data_prefix=dict(img=str(tmp_path)),
        test_mode=True)
    assert test.get_data_info(0)['label'] == -1
    with pytest.warns(UserWarning, match='skipped 1 videos with fewer'):
        FrameListDataset(
            str(tmp_path / 'train.txt'),
            PIPELINE,
            num_classes=3,
            min_frames=5,
            data_prefix=dict(img=str(tmp_path)))


@pytest.mark.parametrize('line,message', [
    ('a 5 2 0', 'start frame 5 > end frame 2'),
    ('a 1 10 3', 'label 3 is outside 0..2'),
    ('a 1 12 0', 'missing frame .*00012.jpg'),
    ('a 1 10 0 1', 'multi-label'),
    ('a one 10 0', 'must be integers'),
])
def test_bad_lines(tmp_path, line, message):
    _frames(tmp_path / 'a', 1, 10)
    (tmp_path / 'l.txt').write_text(f'a 1 10 0\n{line}\n')
    with pytest.raises((ValueError, FileNotFoundError),
                       match=f'l.txt:2: .*{message}'):
        FrameListDataset(
            str(tmp_path / 'l.txt'),
            PIPELINE,
            num_classes=3,
            data_prefix=dict(img=str(tmp_path)))


def test_move4mnist(tmp_path, annotation_data):
    counts = generate_move4mnist(
        str(tmp_path / 'm'), seed=1, train_per_class=2, val_per_class=1)
    assert counts == dict(train=8, val=4)
    root = tmp_path / 'm'
    reference = osp.join(annotation_data, 'move4mnist')
    assert (root / 'labels' / 'classInd.txt').read_text() == open(
        osp.join(reference, 'labels', 'classInd.txt')).read().strip() + '\n'
    lines = (root / 'file_list' /
             'movingmnist_rgb_train_split_1.txt').read_text().splitlines()
    ref_line = read_lines(
        osp.join(reference, 'file_list',
                 'movingmnist_rgb_train_split_1.txt'))[0]
    assert len(lines[0].split()) == len(ref_line.split()) == 3
    assert lines[0] == 'jpg/train/left_0 32 0'
    assert lines[-1] == 'jpg/train/down_1 32 3'
    frame = cv2.imread(str(root / 'jpg' / 'train' / 'up_1' / '31.jpg'))
    assert frame.shape == (64, 64, 3)
    dataset = RawframeDataset(
        str(root / 'file_list' / 'movingmnist_rgb_train_split_1.txt'),
        PIPELINE,
        data_prefix=dict(img=str(root)),
        filename_tmpl='{}.jpg',
        start_index=0)
    assert dataset[5]['inputs'].shape == (4, 3, 64, 64)
    again = generate_move4mnist(
        str(tmp_path / 'm2'), seed=1, train_per_class=2, val_per_class=1)
    assert again == counts
    a = cv2.imread(str(root / 'jpg/test/right_0/7.jpg'))
    b = cv2.imread(str(tmp_path / 'm2/jpg/test/right_0/7.jpg'))
    assert np.array_equal(a, b)


def test_move4mnist_hard_shows_the_digit_in_a_short_burst(tmp_path):
    generate_move4mnist(
        str(tmp_path / 'h'),
        seed=3,
        train_per_class=3,
        val_per_class=1,
        visible_frames=5)
    for video in ('left_0', 'right_2', 'up_1', 'down_2'):
        frames = [
            cv2.imread(
                str(tmp_path / 'h' / 'jpg' / 'train' / video / f'{k}.jpg'), 0)
            for k in range(32)
        ]
        # the digit is white (255); the background stays below 150
        drawn = [k for k, f in enumerate(frames) if f.max() > 200]
        assert len(drawn) == 5 and drawn == list(
            range(drawn[0], drawn[0] + 5)), video


class _Loader:

    def __init__(self, dataset, persistent=False):
        self.dataset = dataset
        self.persistent_workers = persistent


class _Runner:

    def __init__(self, loader, epoch):
        self.train_dataloader = loader
        self.epoch = epoch
        self.logger = type('L', (), {'info': staticmethod(lambda m: None)})


def test_sampling_switch(tmp_path):
    _frames(tmp_path / 'a', 1, 10)
    (tmp_path / 'train.txt').write_text('a 1 10 2\n')
    dataset = FrameListDataset(
        str(tmp_path / 'train.txt'),
        PIPELINE,
        num_classes=3,
        data_prefix=dict(img=str(tmp_path)))
    hook = FullVideoSamplingHook(
        2,
        dict(type='SampleFrames', clip_len=10, frame_interval=1, num_clips=1))
    hook.before_train(_Runner(_Loader(dataset), 0))
    hook.before_train_epoch(_Runner(_Loader(dataset), 1))
    assert dataset[0]['inputs'].shape[0] == 4
    hook.before_train_epoch(_Runner(_Loader(dataset), 2))
    assert dataset[0]['inputs'].shape[0] == 10
    with pytest.raises(ValueError, match='persistent_workers=False'):
        hook.before_train(_Runner(_Loader(dataset, persistent=True), 0))


@pytest.mark.parametrize('content,problem', [
    (b'', r'is empty \(0 bytes\)'),
    (b'\xff\xd8\xff\xe0 cut short', 'is a truncated JPEG'),
    (b'not an image', 'cannot be decoded'),
])
def test_bad_frame_is_named(tmp_path, content, problem):
    _frames(tmp_path / 'a', 1, 10)
    (tmp_path / 'l.txt').write_text('a 1 10 0\n')
    (tmp_path / 'a' / '00005.jpg').write_bytes(content)
    dataset = FrameListDataset(
        str(tmp_path / 'l.txt'), [
            dict(type='SampleFrames', clip_len=10, frame_interval=1,
                 num_clips=1, test_mode=True),
            dict(type='RawFrameDecode'),
            dict(type='FormatShape', input_format='NCHW'),
            dict(type='PackActionInputs')], num_classes=3,
        data_prefix=dict(img=str(tmp_path)), test_mode=True)
    with pytest.raises(OSError, match=r'l.txt: frame .*a/00005.jpg ' +
                       problem):
        dataset[0]


def test_empty_last_frame_fails_when_loading(tmp_path):
    _frames(tmp_path / 'a', 1, 10)
    (tmp_path / 'a' / '00010.jpg').write_bytes(b'')
    (tmp_path / 'l.txt').write_text('a 1 10 0\n')
    with pytest.raises(OSError, match=r'l.txt:1: frame .*00010.jpg is empty'):
        FrameListDataset(str(tmp_path / 'l.txt'), PIPELINE, num_classes=3,
                         data_prefix=dict(img=str(tmp_path)))
