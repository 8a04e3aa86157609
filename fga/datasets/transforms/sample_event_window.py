"""Place a clip window in a video and build its sequence targets."""
import warnings

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from fga.annotations.vocabulary import (END_TOKEN, NUM_SPECIAL_TOKENS,
                                        PAD_TOKEN, START_TOKEN)


@TRANSFORMS.register_module()
class SampleEventWindow(BaseTransform):
    """Choose the raw frames of one clip and the events inside it.

    The window covers ``clip_len`` frames at ``stride``, i.e. raw frames
    ``base, base + stride, ..., base + (clip_len - 1) * stride``; frames
    before 0 or from ``num_frames`` on are zero padding. ``base`` is
    ``results['clip_start']`` when present (evaluation tiling), otherwise
    drawn as in the reference:
    ``-pad_len * stride + U{0 .. max(0, N - 1 + (2 * pad_len - clip_len) *
    stride)}``, so a short video fits whole inside one window.

    Added keys: ``frame_inds`` (clip_len,), ``clip_start`` (raw frame),
    ``clip_start_index`` (``clip_start // stride``, the reference's clip
    position), ``target_tokens`` (max_seq_len,) = ``[start, c_1+3 .. c_k+3,
    end, pad ..]``, ``event_positions`` (k,) float positions in sampled
    frames, ``event_labels`` (k,) class indices.

    Args:
        max_seq_len: length of ``target_tokens``; windows with more than
            ``max_seq_len - 2`` events keep the first ones, with a warning.
    """

    def __init__(self, max_seq_len: int = 30) -> None:
        if max_seq_len < 3:
            raise ValueError('max_seq_len must leave room for start, one '
                             'event and end')
        self.max_seq_len = max_seq_len

    def transform(self, results: dict) -> dict:
        num_frames = results['num_frames']
        clip_len, stride = results['clip_len'], results['stride']
        pad_len = results['pad_len']
        if 'clip_start' in results:
            base = int(results['clip_start'])
        else:
            span = max(0, num_frames - 1 + (2 * pad_len - clip_len) * stride)
            base = -pad_len * stride + int(np.random.randint(0, span + 1))
        end = base + clip_len * stride
        inside = [(f, c) for f, c in results['events'] if base <= f < end]
        limit = self.max_seq_len - 2
        if len(inside) > limit:
            warnings.warn(
                f'video {results.get("video")}: {len(inside)} events in the '
                f'window starting at frame {base}, more than max_seq_len - 2 '
                f'= {limit}; keeping the first {limit}')
            inside = inside[:limit]
        tokens = np.full(self.max_seq_len, PAD_TOKEN, dtype=np.int64)
        tokens[0] = START_TOKEN
        tokens[1:len(inside) + 1] = [c + NUM_SPECIAL_TOKENS for _, c in inside]
        tokens[len(inside) + 1] = END_TOKEN
        results['frame_inds'] = base + stride * np.arange(clip_len)
        results['clip_start'] = base
        results['clip_start_index'] = base // stride
        results['target_tokens'] = tokens
        results['event_positions'] = np.array(
            [(f - base) / stride for f, _ in inside], dtype=np.float32)
        results['event_labels'] = np.array([c for _, c in inside],
                                           dtype=np.int64)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(max_seq_len={self.max_seq_len})'
