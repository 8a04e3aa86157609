"""Per-frame F3ED targets of a clip window."""
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class F3EDFrameTargets(BaseTransform):
    """After ``SampleEventWindow``: the sampled frame of each event in the
    window, ``floor((frame - clip_start) / stride)`` as in the reference,
    is an event frame carrying that event's element vector.

    Reads ``events``, ``event_elements`` (n, E) (aligned with ``events``),
    ``clip_start``, ``clip_len``, ``stride``. Adds ``frame_events`` (T,)
    int64 (1 on event frames) and ``frame_elements`` (T, E) float32; two
    events in one sampled frame: the later one's elements.
    """

    def transform(self, results: dict) -> dict:
        clip_len, stride = results['clip_len'], results['stride']
        base = results['clip_start']
        elements = np.asarray(results['event_elements'])
        frame_events = np.zeros(clip_len, dtype=np.int64)
        frame_elements = np.zeros((clip_len, elements.shape[1]),
                                  dtype=np.float32)
        for (frame, _), vector in zip(results['events'], elements):
            t = (frame - base) // stride
            if 0 <= t < clip_len:
                frame_events[t] = 1
                frame_elements[t] = vector
        results['frame_events'] = frame_events
        results['frame_elements'] = frame_elements
        return results
