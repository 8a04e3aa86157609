"""Accuracy, edit score, success rate and mAP of predicted label sequences."""
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Union

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from fga.annotations import (pairs_to_indices, reference_tolerance_index_pairs,
                             write_sequence_predictions)
from fga.utils.arrays import to_numpy
from ..functional.label_breakdown import (aligned_labels, attribute_accuracy,
                                          split_attributes)
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
        attributes: also report, as ``<attribute>_accuracy``, the accuracy
            of each attribute of compositional class names (e.g.
            ``side_hand_type_direction_outcome``) over the edit-distance
            alignment of every video (see
            :mod:`fga.evaluation.functional.label_breakdown`). A list names
            the attributes; ``True`` takes ``dataset_meta['attributes']``
            when the dataset declares them, else names them by position
            (``attribute_1`` ...).
        attribute_separator: what separates the attributes in a class name.
    """
    default_prefix = 'seq'

    def __init__(self,
                 with_tolerance: bool = True,
                 collapse: bool = True,
                 map_dummy_rows: bool = True,
                 reference_tolerance: bool = False,
                 prediction_file: Optional[str] = None,
                 attributes: Union[bool, Sequence[str], None] = None,
                 attribute_separator: str = '_',
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.with_tolerance = with_tolerance
        self.collapse = collapse
        self.map_dummy_rows = map_dummy_rows
        self.reference_tolerance = reference_tolerance
        self.prediction_file = prediction_file
        self.attributes = attributes
        self.attribute_separator = attribute_separator

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
        if self.attributes:
            metrics.update(
                self._attribute_metrics(preds, [gts[v] for v in videos]))
        if self.prediction_file:
            log_metrics_before_writing(metrics, self.prefix,
                                       self.prediction_file)
            self._write_predictions(videos, preds, scores, classes)
        return metrics

    def _attribute_metrics(self, preds, gts) -> Dict[str, float]:
        names = (self.dataset_meta.get('attributes')
                 if self.attributes is True else self.attributes)
        names, values = split_attributes(self.dataset_meta['classes'], names,
                                         self.attribute_separator)
        accuracy = attribute_accuracy(aligned_labels(preds, gts), values,
                                      names)
        return {f'{name}_accuracy': acc for name, acc in accuracy.items()}

    def _write_predictions(self, videos, preds, scores, classes) -> None:
        write_sequence_predictions(self.prediction_file, videos, preds,
                                   scores, classes)
        MMLogger.get_current_instance().info(
            f'sequence predictions of {len(videos)} videos written to '
            f'{self.prediction_file}')
