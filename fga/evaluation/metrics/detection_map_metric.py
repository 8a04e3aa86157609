from collections import OrderedDict
from typing import Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from fga.annotations import write_activitynet_results
from fga.annotations.file_io import AnnotationError
from fga.utils.arrays import to_numpy
from ..detection_files import load_detection_ground_truth
from ..external_scores import load_external_scores, video_class_scores
from ..functional.detection_map import deduplicate_ground_truth, detection_map
from ..functional.external_score_fusion import fuse_external_scores
from .prediction_writing import log_metrics_before_writing


@METRICS.register_module()
class TALDetectionMAP(BaseMetric):
    """Temporal action detection mAP at tIoU thresholds, as the official
    ActivityNet / ActionFormer evaluation (see
    :func:`fga.evaluation.functional.detection_map`).

    Args:
        ann_file: the annotation JSON holding the evaluated split; None
            takes the ground truth from the data samples' ``gt_instances``
            (segments in seconds, class indices), as HAAN's datasets pack
            it.
        subsets: its ``subset`` values (e.g. ``'test'`` for THUMOS14).
        tiou_thresholds: e.g. ``np.linspace(0.3, 0.7, 5)`` (THUMOS14),
            ``np.linspace(0.5, 0.95, 10)`` (ActivityNet).
        top_k: k of the reported Recall@kx.
        prediction_file: if set, write the detections in the ActivityNet
            results format ``{"results": {video: [{segment, label, score}]}}``.
        class_agnostic: evaluate every ground truth as one class (matching
            a class-agnostic dataset; this is proposal-level mAP).
        deduplicate: drop ground truth shorter than 1e-3 s or repeating an
            earlier segment of its class, as the ActivityNet evaluation
            (HAAN's evaluation does not).
        external_scores: label class-agnostic detections with a video-level
            classifier before evaluating, as ActionFormer's ActivityNet
            protocol (its ``ext_score_file``; OpenTAD's ``external_cls``):
            ``dict(file=..., topk=2, num_pred=200)``, the file as
            :func:`fga.evaluation.external_scores.load_external_scores`
            reads it (checked when the metric is built). Its classes are
            its ``"class"`` names (else the annotation file's
            ``label_id``), and the evaluation is per class. Only the
            metric and ``prediction_file`` see the fused detections.

    Metrics: ``mAP@{t:.2f}`` per threshold, ``average_mAP`` (fractions 0–1)
    and ``recall@{k}x`` (averaged over thresholds).
    """
    default_prefix = 'det'

    def __init__(self,
                 ann_file: Optional[str] = None,
                 subsets='test',
                 tiou_thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6,
                                                     0.7),
                 top_k: Sequence[int] = (1, 5),
                 prediction_file: Optional[str] = None,
                 class_agnostic: bool = False,
                 deduplicate: bool = True,
                 external_scores: Optional[dict] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.external = None
        if external_scores is not None:
            options = dict(external_scores)
            unknown = set(options) - {'file', 'topk', 'num_pred'}
            if 'file' not in options or unknown:
                raise ValueError('external_scores takes file, topk and '
                                 f'num_pred; got {sorted(options)}')
            if class_agnostic:
                raise ValueError('external_scores label the detections '
                                 'per class: set class_agnostic=False')
            if ann_file is None:
                raise ValueError('external_scores need ann_file (the '
                                 'ground truth of every class)')
            scores, names = load_external_scores(options['file'])
            self.external = dict(file=options['file'], scores=scores,
                                 classes=names,
                                 topk=int(options.get('topk', 2)),
                                 num_pred=int(options.get('num_pred', 200)))
        self.ann_file = ann_file
        self.subsets = subsets
        self.tiou_thresholds = [float(t) for t in tiou_thresholds]
        self.top_k = tuple(top_k)
        self.prediction_file = prediction_file
        self.class_agnostic = class_agnostic
        self.deduplicate = deduplicate

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            pred = sample['pred_instances']
            result = dict(video=sample['video_id'],
                          segments=to_numpy(pred['segments']).reshape(-1, 2),
                          scores=to_numpy(pred['scores']),
                          labels=to_numpy(pred['labels']).astype(np.int64))
            if self.ann_file is None:
                gt = sample['gt_instances']
                result['gt_segments'] = to_numpy(gt['segments']).reshape(
                    -1, 2).astype(np.float64)
                result['gt_labels'] = to_numpy(gt['labels']).astype(np.int64)
            self.results.append(result)

    def fuse(self, results: list) -> list:
        """``results`` with every video's detections labelled by the
        external scores (see ``external_scores``)."""
        ext, fused = self.external, []
        for r in results:
            class_scores = video_class_scores(ext['scores'], r['video'],
                                              ext['file'])
            segments, scores, labels = fuse_external_scores(
                r['segments'], r['scores'], class_scores, ext['topk'],
                ext['num_pred'])
            fused.append(dict(r, segments=segments, scores=scores,
                              labels=labels))
        return fused

    def compute_metrics(self, results: list) -> dict:
        classes = None if self.class_agnostic else (self.dataset_meta
                                                    or {}).get('classes')
        if self.external is not None:
            results = self.fuse(results)
            classes = self.external['classes']
        if self.ann_file is None:
            gt = self._sample_ground_truth(results, classes)
        else:
            gt = load_detection_ground_truth(
                self.ann_file, self.subsets, classes,
                class_agnostic=self.class_agnostic,
                deduplicate=self.deduplicate)
        predictions = dict(
            video=np.concatenate([[r['video']] * len(r['scores'])
                                  for r in results]).astype(object)
            if results else np.zeros(0, dtype=object),
            segments=np.concatenate([r['segments'] for r in results])
            if results else np.zeros((0, 2)),
            scores=np.concatenate([r['scores'] for r in results])
            if results else np.zeros(0),
            labels=np.concatenate([r['labels'] for r in results])
            if results else np.zeros(0, np.int64))
        if self.external is not None and classes is None:
            width = len(next(iter(self.external['scores'].values())))
            if width != len(gt['label_dict']):
                raise AnnotationError(
                    f'{self.external["file"]}: {width} scores per video '
                    'and no "class" names, but ' + self.ann_file +
                    f' has {len(gt["label_dict"])} classes (label_id)')
        evaluated = {r['video'] for r in results}
        missing = sorted(set(gt['video']) - evaluated)
        if missing and self.ann_file is not None:
            MMLogger.get_current_instance().warning(
                f'{len(missing)} ground-truth videos of {self.ann_file} '
                f'have no predictions (e.g. {missing[:3]}); they count as '
                'misses')
        out = detection_map(gt, predictions, self.tiou_thresholds,
                            self.top_k)
        metrics = OrderedDict()
        for t, value in zip(self.tiou_thresholds, out['mAP_per_tiou']):
            metrics[f'mAP@{t:.2f}'] = float(value)
        metrics['average_mAP'] = out['mAP']
        for j, k in enumerate(self.top_k):
            metrics[f'recall@{k}x'] = float(out['recall'][:, j].mean())
        metrics['num_classes'] = len(out['classes'])
        if self.prediction_file:
            log_metrics_before_writing(metrics, self.prefix,
                                       self.prediction_file)
            names = ({0: 'Action'} if self.class_agnostic else
                     {i: n for n, i in gt['label_dict'].items()})
            write_activitynet_results(self.prediction_file, results, names)
        return metrics

    def _sample_ground_truth(self, results, classes) -> dict:
        videos, segments, labels = [], [], []
        for r in results:
            seg, lab = r['gt_segments'], r['gt_labels']
            if self.class_agnostic:
                lab = np.zeros_like(lab)
            if self.deduplicate:
                keep = deduplicate_ground_truth(seg, lab)
                seg, lab = seg[keep], lab[keep]
            videos += [r['video']] * len(lab)
            segments.append(seg)
            labels.append(lab)
        names = classes or [str(i) for i in range(
            int(max((lab.max() for lab in labels if len(lab)), default=0)) +
            1)]
        return dict(video=np.asarray(videos, dtype=object),
                    segments=np.concatenate(segments) if segments else
                    np.zeros((0, 2)),
                    labels=np.concatenate(labels) if labels else np.zeros(
                        0, np.int64),
                    label_dict={n: i for i, n in enumerate(names)})
