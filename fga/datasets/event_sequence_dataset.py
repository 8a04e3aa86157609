"""Datasets of fast event sequences in the F3AST annotation format."""
import os.path as osp
from typing import Callable, List, Optional, Sequence, Tuple, Union

import numpy as np
from mmaction.datasets import BaseActionDataset
from mmaction.registry import DATASETS

from fga.annotations import (AnnotationError, finetennis_tolerance_pairs,
                             ground_truth_sequence, load_classes,
                             load_event_annotations)
from .frame_files import media_frame_problem
from .reproducible_items import ReproducibleItems

# The reference draws 2,000,000 raw frames' worth of windows per epoch.
EPOCH_NUM_FRAMES = 2_000_000


def evaluation_clip_starts(num_frames: int, clip_len: int, stride: int,
                           pad_len: int) -> List[int]:
    """First raw frame of each evaluation clip: consecutive windows of
    ``clip_len * stride`` frames from ``-pad_len * stride`` until the video
    ends (the last one zero-padded)."""
    return list(range(-pad_len * stride, num_frames, clip_len * stride))


def check_media_lengths(records: Sequence[dict],
                        media_path: Callable[[str], str], source: str) -> None:
    """Every record's ``num_frames`` is plausible for its frame folder or
    video file (see :func:`~fga.datasets.frame_files.media_frame_problem`);
    an implausible one (e.g. ``10**15``) would otherwise tile evaluation
    into more clips than memory holds, or train on padding only."""
    for record in records:
        problem = media_frame_problem(media_path(record['video']),
                                      record['num_frames'])
        if problem is not None:
            raise AnnotationError(
                f'{source}: video {record["video"]}: {problem}')


@DATASETS.register_module()
class EventSequenceDataset(ReproducibleItems, BaseActionDataset):
    """Videos annotated with instantaneous, fine-grained events.

    Training (``test_mode=False``): each item is a window from a video drawn
    with probability proportional to its ``num_frames``; the window itself is
    placed by the ``SampleEventWindow`` transform. An epoch has
    ``num_train_clips`` items (default: the reference's
    ``2,000,000 // (clip_len * stride)``).

    Evaluation (``test_mode=True``): every video is tiled into consecutive,
    non-overlapping clips starting at ``-pad_len * stride``; each item is one
    clip and carries the whole video's ground-truth sequence for the metric.

    Args:
        ann_file: split JSON (list of ``{video, num_frames, events}``).
        classes_file: ``classes.txt`` whose first lines are start/end;
            relative to ``data_root`` when that is given.
        pipeline: transforms.
        data_prefix: ``dict(video=DIR)``: frame folders (``DIR/<video>/``) or
            video files (``DIR/<video><video_ext>``).
        video_ext: set for video files (e.g. ``'.mp4'``); ``None`` for frame
            folders.
        clip_len: sampled frames per clip.
        stride: raw frames between sampled frames.
        pad_len: sampled frames of zero padding allowed before the video.
        num_train_clips: items per training epoch.
        tolerance: ``'finetennis'`` (neighbouring shot directions count as
            correct), ``None``, or an explicit list of class-name pairs;
            stored in ``metainfo['tolerance_pairs']`` for the metric.
        reference_compat: bin the evaluation ground truth by ``stride`` as
            the reference does (same-bin events merge).
    """

    def __init__(self,
                 ann_file: str,
                 classes_file: str,
                 pipeline: List[Union[dict, Callable]],
                 data_prefix: dict = dict(video=''),
                 video_ext: Optional[str] = None,
                 clip_len: int = 128,
                 stride: int = 3,
                 pad_len: int = 5,
                 num_train_clips: Optional[int] = None,
                 tolerance: Union[None, str, Sequence[Tuple[str, str]]] = None,
                 reference_compat: bool = False,
                 test_mode: bool = False,
                 data_root: Optional[str] = None,
                 **kwargs) -> None:
        if data_root and not osp.isabs(classes_file):
            classes_file = osp.join(data_root, classes_file)
        if clip_len <= 0 or stride <= 0 or pad_len < 0:
            raise ValueError('clip_len and stride must be > 0, pad_len >= 0')
        self.classes_file = classes_file
        self.class_names = self._read_class_names(classes_file)
        self.class_to_index = {n: i for i, n in enumerate(self.class_names)}
        self.video_ext = video_ext
        self.clip_len = clip_len
        self.stride = stride
        self.pad_len = pad_len
        self.num_train_clips = num_train_clips or max(
            1, EPOCH_NUM_FRAMES // (clip_len * stride))
        self.reference_compat = reference_compat
        self.tolerance_pairs = self._tolerance_pairs(tolerance)
        self._cumulative_lengths = None
        super().__init__(
            ann_file,
            pipeline=pipeline,
            data_prefix=data_prefix,
            test_mode=test_mode,
            data_root=data_root,
            metainfo=dict(
                classes=tuple(self.class_names),
                tolerance_pairs=self.tolerance_pairs,
                **self._extra_metainfo()),
            **kwargs)

    def _read_class_names(self, classes_file: str) -> List[str]:
        """The vocabulary: an F3AST ``classes.txt`` (start/end first)."""
        return load_classes(classes_file)

    def _extra_metainfo(self) -> dict:
        """What a subclass adds to ``metainfo``."""
        return {}

    def _load_records(self) -> List[dict]:
        """Validated video records whose events carry ``frame`` and a
        ``label`` of :attr:`class_names` (also in ``json_events``)."""
        return load_event_annotations(self.ann_file, self.class_names)

    def _video_info(self, record: dict) -> dict:
        """The fields every window of ``record``'s video shares."""
        info = dict(
            video=record['video'],
            num_frames=record['num_frames'],
            events=[(e['frame'], self.class_to_index[e['label']])
                    for e in record['events']],
            stride=self.stride,
            clip_len=self.clip_len,
            pad_len=self.pad_len,
            num_clips=1)
        if self.video_ext:
            info['filename'] = self._media_path(record['video'])
        else:
            info['frame_dir'] = self._media_path(record['video'])
        return info

    def _tolerance_pairs(self, tolerance) -> List[Tuple[str, str]]:
        if tolerance is None:
            return []
        if tolerance == 'finetennis':
            return finetennis_tolerance_pairs(self.class_names)
        if isinstance(tolerance, str):
            raise ValueError(f'unknown tolerance {tolerance!r}; use '
                             "'finetennis', None or a list of name pairs")
        pairs = [tuple(p) for p in tolerance]
        for pair in pairs:
            unknown = [n for n in pair if n not in self.class_to_index]
            if len(pair) != 2 or unknown:
                raise ValueError(f'tolerance pair {pair} is not two class '
                                 f'names of {self.classes_file}')
        return pairs

    def _media_path(self, video: str) -> str:
        root = self.data_prefix.get('video', '')
        if self.video_ext:
            return osp.join(root, video + self.video_ext)
        return osp.join(root, video)

    def load_data_list(self) -> List[dict]:
        records = self._load_records()
        check_media_lengths(records, self._media_path, self.ann_file)
        infos = []
        for record in records:
            info = self._video_info(record)
            if not self.test_mode:
                infos.append(info)
                continue
            info['gt_sequence'] = ground_truth_sequence(
                record, self.class_to_index, self.stride,
                self.reference_compat)
            info['gt_event_frames'] = np.array(
                [e['frame'] for e in record['events']], dtype=np.int64)
            info['gt_event_labels'] = np.array(
                [self.class_to_index[e['label']] for e in record['events']],
                dtype=np.int64)
            for start in evaluation_clip_starts(record['num_frames'],
                                                self.clip_len, self.stride,
                                                self.pad_len):
                infos.append(dict(info, clip_start=start))
        if not self.test_mode:
            self._cumulative_lengths = np.cumsum(
                [r['num_frames'] for r in records])
        return infos

    def __len__(self) -> int:
        if self.test_mode:
            return super().__len__()
        if not self._fully_initialized:
            self.full_init()
        return self.num_train_clips

    def get_data_info(self, idx: int) -> dict:
        if not self.test_mode:
            # A video is drawn afresh on every access, with probability
            # proportional to its length, as in the reference.
            frame = np.random.randint(self._cumulative_lengths[-1])
            idx = int(np.searchsorted(self._cumulative_lengths, frame,
                                      side='right'))
        return super().get_data_info(idx)


# BadmintonDB (20 classes ``{bottom|top}_<shot>``), FineDiving (29 dive
# phases) and FineGym (18 element starts) need nothing beyond the base
# dataset; their names are kept so configs read like the papers' tables.
DATASETS.register_module('BadmintonDBDataset', module=EventSequenceDataset)
DATASETS.register_module('FineDivingDataset', module=EventSequenceDataset)
DATASETS.register_module('FineGymDataset', module=EventSequenceDataset)
