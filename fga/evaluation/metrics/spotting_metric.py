"""Tolerance-based event-spotting mAP for models that output timestamps."""
from collections import defaultdict
from typing import Dict, List, Optional, Sequence

from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric

from fga.utils.arrays import to_numpy
from ..functional.spotting_map import spotting_map


@METRICS.register_module()
class SpottingMetric(BaseMetric):
    """E2E-Spot mAP at frame tolerances, averaged over ground-truth labels.

    Each data sample is an evaluation clip with ``pred_event_frames`` (raw
    video frames), ``pred_event_labels``, ``pred_event_scores`` and the
    video's ``gt_event_frames``/``gt_event_labels``. Tolerances are in the
    frames of ``frame_unit`` (``'raw'`` or ``'sampled'``: raw frames divided
    by the clip stride, as E2E-Spot evaluates).
    """
    default_prefix = 'spot'

    def __init__(self,
                 tolerances: Sequence[int] = (0, 1, 2, 4),
                 frame_unit: str = 'sampled',
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if frame_unit not in ('raw', 'sampled'):
            raise ValueError("frame_unit must be 'raw' or 'sampled'")
        self.tolerances = tuple(tolerances)
        self.frame_unit = frame_unit

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            if 'pred_event_frames' not in sample:
                raise KeyError('SpottingMetric needs timestamped events '
                               '(pred_event_frames); this model predicts '
                               'label sequences only: use SequenceMetric')
            unit = sample['stride'] if self.frame_unit == 'sampled' else 1
            self.results.append(
                dict(
                    video=sample['video'],
                    frames=to_numpy(sample['pred_event_frames']) // unit,
                    labels=to_numpy(sample['pred_event_labels']),
                    scores=to_numpy(sample['pred_event_scores']),
                    gt_frames=to_numpy(sample['gt_event_frames']) // unit,
                    gt_labels=to_numpy(sample['gt_event_labels'])))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        classes = self.dataset_meta['classes']
        truth, events = {}, defaultdict(list)
        for r in results:
            truth[r['video']] = [
                dict(frame=int(f), label=classes[int(c)])
                for f, c in zip(r['gt_frames'], r['gt_labels'])
            ]
            events[r['video']] += [
                dict(frame=int(f), label=classes[int(c)], score=float(s))
                for f, c, s in zip(r['frames'], r['labels'], r['scores'])
            ]
        result = spotting_map(
            [dict(video=v, events=e) for v, e in truth.items()],
            [dict(video=v, events=events[v]) for v in truth],
            self.tolerances)
        metrics = {
            f'mAP@{tol}': value
            for tol, value in zip(self.tolerances, result['mAP'])
        }
        metrics['average_mAP'] = result['average_mAP']
        return metrics
