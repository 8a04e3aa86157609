"""Place a clip window in a video and find the events inside it."""
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


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
    position), ``event_positions`` (k,) float positions in sampled frames
    and ``event_labels`` (k,) class indices, in time order. The heads build
    their training targets from these.
    """

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
        results['frame_inds'] = base + stride * np.arange(clip_len)
        results['clip_start'] = base
        results['clip_start_index'] = base // stride
        results['event_positions'] = np.array(
            [(f - base) / stride for f, _ in inside], dtype=np.float32)
        results['event_labels'] = np.array([c for _, c in inside],
                                           dtype=np.int64)
        return results
