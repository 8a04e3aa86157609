import os

import cv2
import numpy as np
import pytest
import torch

from fga.datasets.transforms import (ClipColorJitter, ClipGaussianBlur,
                                     PackEventSequenceInputs,
                                     PaddedDecordDecode, PaddedRawFrameDecode,
                                     SampleEventWindow)
from fga.models.utils import sequence_targets


def _results(**kwargs):
    base = dict(video='v', num_frames=100, clip_len=8, stride=3, pad_len=5,
                events=[(10, 4), (40, 1), (70, 2)])
    base.update(kwargs)
    return base


def _tokens(results, max_seq_len):
    return sequence_targets([torch.as_tensor(results['event_labels'])],
                            max_seq_len)[0]


def test_window_at_given_start():
    out = SampleEventWindow()(_results(clip_start=-15))
    assert out['frame_inds'].tolist() == [-15, -12, -9, -6, -3, 0, 3, 6]
    assert out['clip_start_index'] == -5
    assert _tokens(out, 6).tolist() == [1, 2, 0, 0, 0, 0]
    out = SampleEventWindow()(_results(clip_start=9))
    # Window covers raw frames 9..32: only the event at frame 10.
    assert _tokens(out, 6).tolist() == [1, 7, 2, 0, 0, 0]
    assert out['event_positions'].tolist() == pytest.approx([1 / 3])
    assert out['event_labels'].tolist() == [4]


def test_random_window_range_matches_reference():
    # base = -pad*stride + U{0 .. max(0, N - 1 + (2 pad - clip_len) stride)}
    np.random.seed(0)
    starts = {SampleEventWindow()(_results())['clip_start']
              for _ in range(3000)}
    assert min(starts) == -15 and max(starts) == -15 + 100 - 1 + 2 * 3
    # A video shorter than the window: the window starts at -pad * stride.
    starts = {SampleEventWindow()(_results(num_frames=20, clip_len=128))
              ['clip_start'] for _ in range(50)}
    assert starts == {-15}


def test_too_many_events_are_truncated_with_warning():
    events = [(i, 0) for i in range(0, 24, 3)]
    out = SampleEventWindow()(_results(events=events, clip_start=0))
    with pytest.warns(UserWarning, match='8 events .* keeping the first 3'):
        assert _tokens(out, 5).tolist() == [1, 3, 3, 3, 2]


def _frames(folder, count, shape=(6, 8, 3)):
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        cv2.imwrite(os.path.join(folder, f'{i:06d}.jpg'),
                    np.full(shape, 10 * (i + 1) % 256, np.uint8))


def test_raw_frame_decode_pads_outside_video(tmp_path):
    _frames(tmp_path / 'v', 5)
    out = PaddedRawFrameDecode()(dict(
        video='v', frame_dir=str(tmp_path / 'v'), num_frames=5,
        frame_inds=np.array([-2, 0, 4, 5])))
    assert out['frame_valid'].tolist() == [False, True, True, False]
    assert out['imgs'][0].max() == 0 and out['imgs'][3].max() == 0
    assert abs(int(out['imgs'][2].mean()) - 50) <= 2
    assert out['img_shape'] == (6, 8)


def test_raw_frame_decode_missing_frames_warn(tmp_path):
    _frames(tmp_path / 'v', 3)
    with pytest.warns(UserWarning, match='has no frame 000003.jpg although '
                      'num_frames is 6'):
        out = PaddedRawFrameDecode()(dict(
            video='v', frame_dir=str(tmp_path / 'v'), num_frames=6,
            frame_inds=np.arange(6)))
    assert out['frame_valid'].tolist() == [True] * 3 + [False] * 3


def test_raw_frame_decode_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match='video v: frame folder'):
        PaddedRawFrameDecode()(dict(video='v', frame_dir=str(tmp_path / 'v'),
                                    num_frames=3, frame_inds=np.arange(3)))
    _frames(tmp_path / 'w', 3)
    (tmp_path / 'w' / '000001.jpg').write_bytes(b'not a jpeg')
    with pytest.raises(OSError, match=r'video w: frame .*000001.jpg cannot '
                       'be decoded'):
        PaddedRawFrameDecode()(dict(video='w', frame_dir=str(tmp_path / 'w'),
                                    num_frames=3, frame_inds=np.arange(3)))


def test_raw_frame_decode_hole_is_an_error(tmp_path):
    _frames(tmp_path / 'v', 93)
    os.remove(tmp_path / 'v' / '000040.jpg')
    results = dict(video='v', frame_dir=str(tmp_path / 'v'), num_frames=93,
                   frame_inds=np.arange(30, 50))
    with pytest.raises(OSError, match=r'video v: frame .*000040.jpg is '
                       'missing, although frame 92 exists'):
        PaddedRawFrameDecode()(dict(results))
    os.remove(tmp_path / 'v' / '000045.jpg')
    with pytest.warns(UserWarning, match=r'2 bad frames are zero padding: '
                      r'.*000040.jpg is missing.*000045.jpg is missing'):
        out = PaddedRawFrameDecode(bad_frames='warn')(dict(results))
    valid = out['frame_valid'].tolist()
    assert valid == [i not in (40, 45) for i in range(30, 50)]
    assert abs(int(out['imgs'][12].mean()) - 10 * 43 % 256) <= 2


@pytest.mark.parametrize('content,problem', [
    (b'', r'is empty \(0 bytes\)'),
    (None, r'is a truncated JPEG \(\d+ bytes, no end-of-image marker\)'),
])
def test_raw_frame_decode_empty_and_truncated_frames(tmp_path, content,
                                                     problem):
    _frames(tmp_path / 'v', 4, shape=(64, 64, 3))
    frame = tmp_path / 'v' / '000002.jpg'
    data = frame.read_bytes()
    frame.write_bytes(data[:len(data) // 2] if content is None else content)
    with pytest.raises(OSError, match=r'video v: frame .*000002.jpg ' +
                       problem):
        PaddedRawFrameDecode()(dict(video='v', frame_dir=str(tmp_path / 'v'),
                                    num_frames=4, frame_inds=np.arange(4)))
    # Zero bytes after the end marker are padding, not truncation.
    frame.write_bytes(data + b'\0' * 16)
    out = PaddedRawFrameDecode()(dict(video='v', frame_dir=str(tmp_path / 'v'),
                                      num_frames=4, frame_inds=np.arange(4)))
    assert out['frame_valid'].all()


def _video(path, count):
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*'MJPG'), 10,
                             (32, 24))
    for i in range(count):
        writer.write(np.full((24, 32, 3), 20 * i, np.uint8))
    writer.release()


def test_decord_decode(tmp_path):
    pytest.importorskip('decord')
    _video(tmp_path / 'v.avi', 6)
    out = PaddedDecordDecode()(dict(
        video='v', filename=str(tmp_path / 'v.avi'), num_frames=6,
        frame_inds=np.array([-3, 0, 5, 6])))
    assert out['frame_valid'].tolist() == [False, True, True, False]
    assert out['imgs'][1].shape == (24, 32, 3)
    with pytest.warns(UserWarning, match='has 6 frames, the annotation says '
                      '9'):
        PaddedDecordDecode()(dict(filename=str(tmp_path / 'v.avi'),
                                  num_frames=9, frame_inds=np.arange(9)))
    (tmp_path / 'bad.mp4').write_bytes(b'\x00' * 64)
    with pytest.raises(OSError, match='cannot open video .*bad.mp4'):
        PaddedDecordDecode()(dict(filename=str(tmp_path / 'bad.mp4'),
                                  num_frames=3, frame_inds=np.arange(3)))


def test_colour_jitter_keeps_padding_black():
    np.random.seed(1)
    imgs = [np.full((4, 4, 3), 100, np.uint8), np.zeros((4, 4, 3), np.uint8)]
    out = ClipColorJitter(p=1.0)(dict(imgs=imgs,
                                      frame_valid=np.array([True, False])))
    assert out['imgs'][1].max() == 0
    assert not np.allclose(out['imgs'][0], 100)
    assert out['imgs'][0].dtype == np.float32


def test_gaussian_blur_applies_with_probability():
    img = np.zeros((9, 9, 3), np.uint8)
    img[4, 4] = 255
    out = ClipGaussianBlur(p=1.0)(dict(imgs=[img]))
    assert out['imgs'][0][4, 4, 0] < 255 and out['imgs'][0][4, 5, 0] > 0
    assert ClipGaussianBlur(p=0.0)(dict(imgs=[img]))['imgs'][0] is img


def test_pack():
    results = SampleEventWindow()(_results(clip_start=0))
    results['imgs'] = np.zeros((1, 3, 8, 4, 4), np.float32)
    results['frame_valid'] = np.array([True] * 6 + [False] * 2)
    packed = PackEventSequenceInputs()(results)
    sample = packed['data_samples']
    assert packed['inputs'].shape == (1, 3, 8, 4, 4)
    assert (~sample.valid_mask).tolist() == [False] * 6 + [True] * 2
    assert sample.event_labels.tolist() == [4]
    assert sample.metainfo['clip_start_index'] == 0
