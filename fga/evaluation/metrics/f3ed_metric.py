"""Event F1, element F1 and edit score of F3ED's per-frame predictions."""
from collections import defaultdict
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from fga.annotations import (EventVocabulary, binned_frame_targets,
                             decode_elements, parse_element_groups)
from fga.annotations.f3ed_predictions import write_f3ed_predictions
from fga.models.utils.f3ed_decoding import decode_f3ed_events
from fga.utils.arrays import to_numpy
from ..functional.f3ed_metrics import f3ed_metrics
from .prediction_writing import log_metrics_before_writing


def average_clip_scores(clips: Sequence[dict], num_bins: int) -> tuple:
    """A video's per-frame probabilities from its clips: each clip's frame
    ``k`` is video frame ``clip_start_index + k`` on the sampled grid;
    overlapping clips are averaged, frames outside the video dropped.

    Returns:
        ``(event probs (N, 2), element probs (N, E))``.
    """
    num_elements = clips[0]['element_probs'].shape[1]
    events = np.zeros((num_bins, 2))
    elements = np.zeros((num_bins, num_elements))
    support = np.zeros(num_bins)
    for clip in clips:
        start = clip['clip_start_index']
        frames = start + np.arange(len(clip['event_probs']))
        inside = (frames >= 0) & (frames < num_bins)
        events[frames[inside]] += clip['event_probs'][inside]
        elements[frames[inside]] += clip['element_probs'][inside]
        support[frames[inside]] += 1
    # Every frame is covered by the evaluation tiling; guard the rest.
    support = np.maximum(support, 1)[:, None]
    return events / support, elements / support


@METRICS.register_module()
class F3EDMetric(BaseMetric):
    """F3Set's metrics over whole videos
    (:mod:`fga.evaluation.functional.f3ed_metrics`).

    Each data sample is one evaluation clip with ``pred_event_probs``
    (T, 2), ``pred_element_probs`` (T, E), the video's
    ``gt_event_frames``/``gt_event_labels`` and metainfo ``video``,
    ``num_frames``, ``stride``, ``clip_start_index``. A video's clips are
    averaged, events detected by temporal NMS (``nms_window``) and their
    elements resolved by the dataset's groups (``dataset_meta``:
    ``elements``, ``element_groups``, ``event_elements``; flags above
    ``flag_threshold``). The ground truth is binned on the sampled grid
    as the reference bins it.

    Metrics: ``event_f1@δ`` and ``element_f1@δ`` (0-1) for each δ of
    ``deltas`` (sampled frames) and ``edit`` (0-100).

    Args:
        deltas: tolerances in sampled frames.
        reference_quirks: score as the reference (see the functional
            module).
        prediction_file: if set, write the detected events there
            (:mod:`fga.annotations.f3ed_predictions`).
    """
    default_prefix = 'f3ed'

    def __init__(self,
                 deltas: Sequence[int] = (0, 1, 2),
                 nms_window: int = 5,
                 flag_threshold: float = 0.5,
                 reference_quirks: bool = True,
                 prediction_file: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.deltas = tuple(deltas)
        self.nms_window = nms_window
        self.flag_threshold = flag_threshold
        self.reference_quirks = reference_quirks
        self.prediction_file = prediction_file

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            if 'pred_event_probs' not in sample:
                raise KeyError('F3EDMetric needs per-frame event and '
                               'element probabilities (an F3EDHead)')
            self.results.append(
                dict(
                    video=sample['video'],
                    num_frames=int(sample['num_frames']),
                    stride=int(sample['stride']),
                    clip_start_index=int(sample['clip_start_index']),
                    event_probs=to_numpy(sample['pred_event_probs']),
                    element_probs=to_numpy(sample['pred_element_probs']),
                    gt_frames=to_numpy(sample['gt_event_frames']),
                    gt_labels=to_numpy(sample['gt_event_labels'])))

    def _groups(self):
        return parse_element_groups(self.dataset_meta['element_groups'],
                                    self.dataset_meta['elements'],
                                    'dataset_meta element_groups')

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        table = np.asarray(self.dataset_meta['event_elements'],
                           dtype=np.int64)
        groups = self._groups()
        vocabulary = EventVocabulary(
            tuple(self.dataset_meta['classes']), table.astype(np.uint8))
        clips = defaultdict(list)
        for result in results:
            clips[result['video']].append(result)
        videos, records = [], []
        for video in sorted(clips):
            first = clips[video][0]
            stride = first['stride']
            num_bins = first['num_frames'] // stride
            event_probs, element_probs = average_clip_scores(
                clips[video], num_bins)
            flags, elements = decode_f3ed_events(
                event_probs, element_probs,
                [(m, u) for _, m, u in groups.groups], groups.flags,
                self.nms_window, self.flag_threshold)
            gt_flags, gt_elements = binned_frame_targets(
                [(int(f), table[int(c)])
                 for f, c in zip(first['gt_frames'], first['gt_labels'])],
                first['num_frames'], stride, table.shape[1])
            videos.append((flags, elements, gt_flags, gt_elements))
            records.append(
                _record(video, first['num_frames'], stride, flags, elements,
                        event_probs[:, 1], groups, vocabulary))
        metrics = {}
        for delta in self.deltas:
            scores = f3ed_metrics(videos, delta, self.reference_quirks)
            metrics[f'event_f1@{delta}'] = scores['event_f1']
            metrics[f'element_f1@{delta}'] = scores['element_f1']
            metrics['edit'] = scores['edit']
        if self.prediction_file:
            log_metrics_before_writing(metrics, self.prefix,
                                       self.prediction_file)
            write_f3ed_predictions(self.prediction_file, records)
            MMLogger.get_current_instance().info(
                f'F3ED events of {len(records)} videos written to '
                f'{self.prediction_file}')
        return metrics


def _record(video: str, num_frames: int, stride: int, flags: np.ndarray,
            elements: np.ndarray, scores: np.ndarray, groups,
            vocabulary: EventVocabulary) -> dict:
    """A video's prediction-file record: each detected sampled frame ``b``
    is raw frame ``b * stride`` (evaluation clips start on multiples of
    the stride)."""
    events = [
        dict(frame=int(b) * stride,
             label=vocabulary.label_of(elements[b], groups),
             elements=decode_elements(elements[b], groups),
             score=float(scores[b])) for b in np.flatnonzero(flags)
    ]
    return dict(video=video, num_frames=num_frames, stride=stride,
                events=events)
