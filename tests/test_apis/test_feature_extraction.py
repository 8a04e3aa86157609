"""Streaming clip features equal those of the whole decoded video, for
every chunking, batch size, clip geometry and backbone layout."""
import numpy as np
import pytest
import torch
from torch import nn

from fga.apis.feature_extraction import ClipFeatureExtractor, clip_starts


class _Recognizer(nn.Module):

    def __init__(self, layout):
        super().__init__()
        conv = nn.Conv3d if layout == 'NCTHW' else nn.Conv2d
        self.backbone = conv(3, 5, 3, padding=1)


def _whole_video(extractor, frames):
    """Every clip cut from the fully decoded video, embedded at once."""
    x = extractor._normalise(frames)
    starts = clip_starts(len(frames), extractor.clip_len, extractor.stride,
                         extractor.frame_interval)
    offsets = np.arange(extractor.clip_len) * extractor.frame_interval
    clips = torch.stack([
        x[np.minimum(s + offsets, len(frames) - 1)] for s in starts
    ])
    return extractor.embed(clips).numpy()


def _chunks(frames, size):
    for begin in range(0, len(frames), size):
        yield frames[begin:begin + size]


@pytest.mark.parametrize('layout', ['NCTHW', 'NCHW'])
@pytest.mark.parametrize('length', [5, 23, 61])
def test_streaming_equals_whole_video(layout, length):
    torch.manual_seed(0)
    model = _Recognizer(layout)
    frames = np.random.default_rng(length).integers(
        0, 256, (length, 8, 8, 3), dtype=np.uint8)
    for clip_len, stride, interval in [(4, 2, 1), (3, 5, 2), (8, 8, 1)]:
        expected = None
        for chunk, batch in [(1, 1), (7, 3), (64, 8)]:
            extractor = ClipFeatureExtractor(
                model, format_shape=layout, clip_len=clip_len,
                stride=stride, frame_interval=interval, batch_size=batch)
            if expected is None:
                expected = _whole_video(extractor, frames)
            ours = extractor.extract_frames(_chunks(frames, chunk))
            assert ours.shape == expected.shape
            np.testing.assert_allclose(ours, expected, rtol=1e-6, atol=1e-6)


def test_empty_video_is_an_error():
    extractor = ClipFeatureExtractor(_Recognizer('NCTHW'))
    with pytest.raises(OSError, match='no frames'):
        extractor.extract_frames(iter([]))
