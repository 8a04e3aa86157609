"""Accuracy, edit score, success rate and mAP of predicted label sequences."""
from collections import defaultdict
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from fga.annotations import (pairs_to_indices, reference_tolerance_index_pairs,
                             write_sequence_predictions)
from fga.utils.arrays import to_numpy
from ..functional.sequence_metrics import equivalence_matrix, sequence_metrics
from .prediction_writing import log_metrics_before_writing


@METRICS.register_module()
class SequenceMetric(BaseMetric):
    """F3AST sequence metrics over whole videos.

    Each data sample is one evaluation clip with ``pred_labels`` (k,) class
    indices, ``pred_scores`` (k, C) probabilities, ``gt_sequence`` (the
    video's ground truth) and metainfo ``video`` and ``clip_start_index``.
    A video's prediction is its clips' predictions concatenated in time
    order.

    Args:
        with_tolerance: count the dataset's tolerance pairs
            (``dataset_meta['tolerance_pairs']``) as correct in accuracy,
            edit score and success rate.
        collapse: collapse runs of equal labels for the edit score.
        map_dummy_rows: score mAP as the reference does, with one one-hot
            dummy row per class absent from the aligned ground truth
            (published numbers depend on it); ``False`` scores only the
            aligned rows.
        reference_tolerance: use the reference's hard-coded FineTennis id
            pairs on any dataset (it applies them to BadmintonDB too, where
            ``bottom_Clear`` and ``bottom_Drive`` become interchangeable)
            instead of the dataset's named pairs.
        prediction_file: if set, write the per-video predictions there as
            ``[{video, labels, scores}]`` (the format of
            ``tools/analysis_tools/eval_sequences.py``).
    """
    default_prefix = 'seq'

    def __init__(self,
                 with_tolerance: bool = True,
                 collapse: bool = True,
                 map_dummy_rows: bool = True,
                 reference_tolerance: bool = False,
                 prediction_file: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.with_tolerance = with_tolerance
        self.collapse = collapse
        self.map_dummy_rows = map_dummy_rows
        self.reference_tolerance = reference_tolerance
        self.prediction_file = prediction_file

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            self.results.append(
                dict(
                    video=sample['video'],
                    clip_start_index=int(sample['clip_start_index']),
                    pred_labels=to_numpy(sample['pred_labels']).astype(int),
                    pred_scores=to_numpy(sample['pred_scores']).astype(
                        np.float32),
                    gt_sequence=to_numpy(sample['gt_sequence']).astype(int)))

    def _equivalent(self, num_classes: int) -> Optional[np.ndarray]:
        if not self.with_tolerance:
            return None
        if self.reference_tolerance:
            pairs = reference_tolerance_index_pairs(num_classes)
        else:
            names = self.dataset_meta['classes']
            pairs = pairs_to_indices(
                self.dataset_meta.get('tolerance_pairs', []),
                {n: i for i, n in enumerate(names)})
        return equivalence_matrix(num_classes, pairs) if pairs else None

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        classes = self.dataset_meta['classes']
        num_classes = len(classes)
        clips = defaultdict(list)
        gts = {}
        for result in results:
            clips[result['video']].append(result)
            gts[result['video']] = result['gt_sequence']
        videos = sorted(clips)
        preds, scores = [], []
        for video in videos:
            ordered = sorted(clips[video], key=lambda r: r['clip_start_index'])
            preds.append(np.concatenate([r['pred_labels'] for r in ordered]))
            scores.append(
                np.concatenate([
                    r['pred_scores'].reshape(-1, num_classes) for r in ordered
                ]))
        metrics = sequence_metrics(
            preds,
            scores, [gts[v] for v in videos],
            num_classes,
            equivalent=self._equivalent(num_classes),
            collapse=self.collapse,
            map_dummy_rows=self.map_dummy_rows)
        if self.prediction_file:
            log_metrics_before_writing(metrics, self.prefix,
                                       self.prediction_file)
            self._write_predictions(videos, preds, scores, classes)
        return metrics

    def _write_predictions(self, videos, preds, scores, classes) -> None:
        write_sequence_predictions(self.prediction_file, videos, preds,
                                   scores, classes)
        MMLogger.get_current_instance().info(
            f'sequence predictions of {len(videos)} videos written to '
            f'{self.prediction_file}')
