import heapq
import os.path as osp
from collections import defaultdict
from typing import Dict, List, Optional

import numpy as np
from mmaction.registry import HOOKS
from mmengine.dist import all_gather_object, is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from fga.utils.arrays import to_numpy
from fga.visualization.recognition_frames import input_frames

__all__ = ['PredictionVisualizationHook']

_ORDERS = ('first', 'worst')


@HOOKS.register_module()
class PredictionVisualizationHook(Hook):
    """The pictures of ``tools/test.py --show-dir``, for every task.

    During testing it collects the predictions and, at the end, draws
    (main process, all ranks gathered):

    * F3ED: ``f3ed_events.png``, true and predicted events (decoded as
      ``F3EDMetric`` decodes them) on each video's frame axis, named by
      their elements (:func:`~fga.visualization.plot_f3ed_timelines`);
    * sequence models (F3AST, spotting): ``timelines.png``, true and
      predicted sequences along their edit-distance alignment, event frames
      where known (:func:`~fga.visualization.plot_sequence_timelines`);
    * localizers (ActionFormer, HAAN): ``detections.png``, segments on a
      time axis with the class activation sequence where the model gives
      one (:func:`~fga.visualization.plot_detection_timelines`);
    * recognizers: ``recognition.png``, sampled frames with the true and
      top-5 labels; for full-video recognizers all frames with their
      clusters (:func:`~fga.visualization.plot_recognition_samples`).

    Args:
        enable: draw at all (``--show-dir`` turns it on).
        out_dir: folder of the pictures; default ``<work_dir>/vis``.
        max_videos: videos per picture.
        order: ``'first'`` (by id) or ``'worst'`` (lowest edit score /
            fewest found segments / lowest true-class probability).
        top_k: detections drawn per video.
        interval: accepted for MMAction2's ``--interval``; every test
            sample is considered.
    """

    def __init__(self,
                 enable: bool = False,
                 out_dir: Optional[str] = None,
                 max_videos: int = 6,
                 order: str = 'first',
                 top_k: int = 10,
                 interval: int = 1) -> None:
        if order not in _ORDERS:
            raise ValueError(f'order must be one of {_ORDERS}, got {order!r}')
        self.enable = enable
        self.out_dir = out_dir
        self.max_videos = max_videos
        self.order = order
        self.top_k = top_k
        self._reset()

    def _reset(self) -> None:
        self._clips: Dict[str, list] = defaultdict(list)
        self._f3ed: Dict[str, dict] = {}
        self._truth: Dict[str, dict] = {}
        self._detections: List[dict] = []
        self._recognition: List[tuple] = []
        self._seen = 0

    def before_test_epoch(self, runner) -> None:
        self._reset()

    def after_test_iter(self, runner, batch_idx, data_batch=None,
                        outputs=None) -> None:
        if not self.enable:
            return
        for i, sample in enumerate(outputs):
            if 'pred_event_probs' in sample:
                self._add_f3ed(sample)
            elif 'gt_sequence' in sample:
                self._add_sequence(sample)
            elif 'pred_instances' in sample:
                self._add_detection(sample)
            elif 'pred_score' in sample:
                self._add_recognition(sample, data_batch['inputs'][i])

    def _add_sequence(self, sample) -> None:
        meta = sample.metainfo
        video = meta['video']
        clip = dict(start=int(meta['clip_start_index']),
                    pred=to_numpy(sample.pred_labels).astype(int))
        if 'pred_event_frames' in sample:
            confident = to_numpy(sample.pred_event_scores) >= 0.5
            clip['frames'] = to_numpy(sample.pred_event_frames)[confident]
            clip['frame_labels'] = to_numpy(
                sample.pred_event_labels)[confident]
        self._clips[video].append(clip)
        if video not in self._truth:
            self._truth[video] = dict(
                gt=to_numpy(sample.gt_sequence).astype(int),
                gt_frames=to_numpy(sample.gt_event_frames)
                if 'gt_event_frames' in sample else None,
                gt_frame_labels=to_numpy(sample.gt_event_labels)
                if 'gt_event_labels' in sample else None,
                num_frames=meta.get('num_frames'))

    def _add_f3ed(self, sample) -> None:
        meta = sample.metainfo
        video = self._f3ed.setdefault(
            meta['video'],
            dict(clips=[], num_frames=int(meta['num_frames']),
                 stride=int(meta['stride']),
                 gt_frames=to_numpy(sample.gt_event_frames),
                 gt_labels=to_numpy(sample.gt_event_labels)))
        video['clips'].append(
            dict(clip_start_index=int(meta['clip_start_index']),
                 event_probs=to_numpy(sample.pred_event_probs),
                 element_probs=to_numpy(sample.pred_element_probs)))

    def _add_detection(self, sample) -> None:
        meta = sample.metainfo
        pred, gt = sample.pred_instances, sample.gt_instances
        video = dict(video=meta.get('video_id', str(len(self._detections))),
                     duration=meta.get('duration'),
                     gt_segments=to_numpy(gt.segments),
                     gt_labels=to_numpy(gt.labels),
                     pred_segments=to_numpy(pred.segments),
                     pred_scores=to_numpy(pred.scores),
                     pred_labels=to_numpy(pred.labels))
        if 'pred_cas' in sample:
            cas = to_numpy(sample.pred_cas)
            # Only the curves drawn are kept: those of the true classes
            # (or the 3 strongest), not the whole (T, C) sequence.
            classes = list(dict.fromkeys(video['gt_labels'].tolist())) or \
                np.argsort(-cas.max(0))[:3].tolist()
            video['cas'] = cas[:, classes]
            video['cas_classes'] = classes
            video['sec2clip'] = float(meta['sec2clip'])
            if video['duration'] is None:
                video['duration'] = len(cas) / video['sec2clip']
        self._detections.append(video)

    def _add_recognition(self, sample, inputs) -> None:
        scores = to_numpy(sample.pred_score).astype(np.float64)
        truth = int(to_numpy(sample.gt_label).ravel()[0]) \
            if 'gt_label' in sample else None
        meta = sample.metainfo
        name = osp.basename(str(meta.get('frame_dir') or meta.get(
            'filename') or f'sample {self._seen}'))
        # Heap keyed so that the entries to keep are the largest ones.
        rank = (-scores[truth] if self.order == 'worst' and truth is not None
                else -self._seen)
        item = (rank, self._seen, dict(video=name, gt_label=truth,
                                       scores=scores,
                                       frames=input_frames(inputs),
                                       inputs=inputs.detach().cpu()))
        self._seen += 1
        if len(self._recognition) < self.max_videos:
            heapq.heappush(self._recognition, item)
        elif item[:2] > self._recognition[0][:2]:
            heapq.heapreplace(self._recognition, item)

    def after_test_epoch(self, runner, metrics=None) -> None:
        if not self.enable:
            return
        gathered = all_gather_object(
            (dict(self._clips), self._truth, self._detections,
             [entry[2] for entry in self._recognition], self._f3ed))
        if not is_main_process():
            return
        clips, truth, detections, recognition = defaultdict(list), {}, [], []
        f3ed = defaultdict(lambda: dict(clips=[]))
        for rank_clips, rank_truth, rank_detections, rank_rec, rank_f3ed \
                in gathered:
            for video, item in rank_f3ed.items():
                f3ed[video].update({k: v for k, v in item.items()
                                    if k != 'clips'})
                f3ed[video]['clips'] += item['clips']
            for video, items in rank_clips.items():
                clips[video] += items
            truth.update(rank_truth)
            detections += rank_detections
            recognition += rank_rec
        out_dir = self.out_dir or osp.join(runner.work_dir, 'vis')
        classes = runner.test_dataloader.dataset.metainfo.get('classes')
        written = []
        if f3ed:
            written.append(self._draw_f3ed(runner, f3ed, out_dir))
        if clips:
            written.append(self._draw_sequences(clips, truth, classes,
                                                out_dir))
        if detections:
            written.append(self._draw_detections(detections, classes,
                                                 out_dir))
        if recognition:
            written.append(self._draw_recognition(runner, recognition,
                                                  classes, out_dir))
        for path in written:
            runner.logger.info(f'prediction pictures written to {path}')

    def _draw_sequences(self, clips, truth, classes, out_dir) -> str:
        from fga.visualization import plot_sequence_timelines, select_videos
        videos = []
        for video, items in clips.items():
            items = sorted(items, key=lambda c: c['start'])
            record = dict(video=video,
                          pred=np.concatenate([c['pred'] for c in items]),
                          gt=truth[video]['gt'],
                          num_frames=truth[video]['num_frames'])
            if truth[video]['gt_frames'] is not None:
                record['gt_frames'] = truth[video]['gt_frames']
                record['gt_frame_labels'] = truth[video]['gt_frame_labels']
            if all('frames' in c for c in items):
                record['pred_frames'] = np.concatenate(
                    [c['frames'] for c in items])
                record['pred_frame_labels'] = np.concatenate(
                    [c['frame_labels'] for c in items])
            videos.append(record)
        chosen = select_videos(videos, self.max_videos, self.order)
        return plot_sequence_timelines(chosen, classes,
                                       osp.join(out_dir, 'timelines.png'))

    def _draw_f3ed(self, runner, videos, out_dir) -> str:
        from fga.annotations import decode_elements, parse_element_groups
        from fga.evaluation.metrics.f3ed_metric import average_clip_scores
        from fga.models.utils import decode_f3ed_events
        from fga.visualization import plot_f3ed_timelines
        meta = runner.test_dataloader.dataset.metainfo
        groups = parse_element_groups(meta['element_groups'],
                                      meta['elements'],
                                      'dataset metainfo element_groups')
        table = np.asarray(meta['event_elements'])
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        window = getattr(model.head, 'nms_window', 5)

        def name(vector) -> str:
            return groups.separator.join(decode_elements(vector, groups))

        drawn = []
        for video in sorted(videos):
            item = videos[video]
            stride = item['stride']
            event_probs, element_probs = average_clip_scores(
                item['clips'], item['num_frames'] // stride)
            flags, elements = decode_f3ed_events(
                event_probs, element_probs,
                [(m, u) for _, m, u in groups.groups], groups.flags, window)
            gt = [(int(f), name(table[int(c)]))
                  for f, c in zip(item['gt_frames'], item['gt_labels'])]
            pred = [(int(b) * stride, name(elements[b]),
                     float(event_probs[b, 1])) for b in np.flatnonzero(flags)]
            found = sum(1 for f, label, _ in pred if any(
                g == label and abs(gf - f) <= stride for gf, g in gt))
            drawn.append(dict(video=video, num_frames=item['num_frames'],
                              gt_events=gt, pred_events=pred,
                              found=found / max(len(gt), 1)))
        if self.order == 'worst':
            drawn = sorted(drawn, key=lambda v: v['found'])
        return plot_f3ed_timelines(drawn[:self.max_videos],
                                   osp.join(out_dir, 'f3ed_events.png'))

    def _draw_detections(self, detections, classes, out_dir) -> str:
        from fga.visualization import (match_detections,
                                       plot_detection_timelines)
        detections = sorted(detections, key=lambda v: v['video'])
        if self.order == 'worst':

            def found(video):
                order = np.argsort(-video['pred_scores'],
                                   kind='stable')[:self.top_k]
                matched = match_detections(video['pred_segments'][order],
                                           video['pred_labels'][order],
                                           video['gt_segments'],
                                           video['gt_labels'])
                return (matched >= 0).sum() / max(len(video['gt_labels']), 1)

            detections = sorted(detections, key=found)
        names = list(classes) if classes else [
            f'class {i}' for i in range(1 + int(max(
                [v['pred_labels'].max(initial=0) for v in detections] +
                [v['gt_labels'].max(initial=0) for v in detections])))
        ]
        return plot_detection_timelines(
            detections[:self.max_videos], names,
            osp.join(out_dir, 'detections.png'), top_k=self.top_k)

    def _draw_recognition(self, runner, samples, classes, out_dir) -> str:
        from fga.visualization import plot_recognition_samples
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        clusters = getattr(model, 'frame_clusters', None)
        if clusters is not None:
            for sample in samples:
                sample['clusters'] = to_numpy(clusters(sample['inputs']))
                sample['frames'] = sample['frames'][:len(sample['clusters'])]
        if self.order == 'worst':
            samples = sorted(samples, key=lambda s: s['scores'][
                s['gt_label']] if s['gt_label'] is not None else 1.0)
        return plot_recognition_samples(
            samples[:self.max_videos], osp.join(out_dir, 'recognition.png'),
            class_names=list(classes) if classes else None)
