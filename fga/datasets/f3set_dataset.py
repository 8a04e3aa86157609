"""F3Set: fast, frequent, fine-grained events whose labels compose
elements, for F3ED (per-frame events and element multi-labels) and F3AST
(the sequence of events)."""
import os.path as osp
from typing import Callable, List, Optional, Union

import numpy as np
from mmaction.registry import DATASETS

from fga.annotations import (ground_truth_sequence, load_element_groups,
                             load_elements, load_event_vocabulary,
                             load_f3set_annotations)
from .event_sequence_dataset import (EPOCH_NUM_FRAMES, EventSequenceDataset,
                                     check_media_lengths,
                                     evaluation_clip_starts)


@DATASETS.register_module()
class F3SetDataset(EventSequenceDataset):
    """An :class:`EventSequenceDataset` (same windows, tiling and
    (seed, epoch, index)-reproducible sampling) whose vocabulary is the
    dataset's events and whose events also carry element vectors.

    Files (relative to ``data_root`` when given): ``elements_file``,
    ``events_file`` and ``groups_file`` (see :mod:`fga.annotations.f3set`).
    Each item adds ``event_elements`` (n, E) uint8, aligned with
    ``events``, and ``hands`` (2,) (far, near player left-handed); the
    ``F3EDFrameTargets`` transform turns a window's events into per-frame
    targets. ``metainfo`` adds ``elements``, ``element_groups`` (the groups
    file's JSON form) and ``event_elements`` (C, E) for metrics and
    pictures.

    Args:
        ann_file: split JSON.
        elements_file, events_file, groups_file: the F3Set files.
        Others: as :class:`EventSequenceDataset` (``tolerance`` is not
        used: F3Set defines none).
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List[Union[dict, Callable]],
                 elements_file: str = 'elements.txt',
                 events_file: str = 'events.txt',
                 groups_file: str = 'element_groups.json',
                 data_prefix: dict = dict(video=''),
                 video_ext: Optional[str] = None,
                 clip_len: int = 96,
                 stride: int = 2,
                 pad_len: int = 5,
                 num_train_clips: Optional[int] = None,
                 reference_compat: bool = False,
                 test_mode: bool = False,
                 data_root: Optional[str] = None,
                 **kwargs) -> None:

        def resolve(path: str) -> str:
            if data_root and not osp.isabs(path):
                return osp.join(data_root, path)
            return path

        if clip_len <= 0 or stride <= 0 or pad_len < 0:
            raise ValueError('clip_len and stride must be > 0, pad_len >= 0')
        self.element_names = load_elements(resolve(elements_file))
        self.element_groups = load_element_groups(
            resolve(groups_file), self.element_names)
        self.vocabulary = load_event_vocabulary(
            resolve(events_file), self.element_groups)
        # EventSequenceDataset's attributes; its __init__ reads an F3AST
        # classes.txt (start/end first), which F3Set does not have.
        self.classes_file = resolve(events_file)
        self.class_names = list(self.vocabulary.names)
        self.class_to_index = {n: i for i, n in enumerate(self.class_names)}
        self.video_ext = video_ext
        self.clip_len = clip_len
        self.stride = stride
        self.pad_len = pad_len
        self.num_train_clips = num_train_clips or max(
            1, EPOCH_NUM_FRAMES // (clip_len * stride))
        self.reference_compat = reference_compat
        self.tolerance_pairs = []
        self._cumulative_lengths = None
        super(EventSequenceDataset, self).__init__(
            ann_file,
            pipeline=pipeline,
            data_prefix=data_prefix,
            test_mode=test_mode,
            data_root=data_root,
            metainfo=dict(
                classes=tuple(self.class_names),
                tolerance_pairs=[],
                elements=tuple(self.element_names),
                element_groups=self.element_groups.to_dict(),
                event_elements=self.vocabulary.elements.tolist()),
            **kwargs)

    def load_data_list(self) -> List[dict]:
        records = load_f3set_annotations(self.ann_file, self.element_groups,
                                         self.vocabulary)
        check_media_lengths(records, self._media_path, self.ann_file)
        infos = []
        for record in records:
            events = record['events']
            info = dict(
                video=record['video'],
                num_frames=record['num_frames'],
                events=[(e['frame'], e['class_index']) for e in events],
                event_elements=np.stack([e['elements'] for e in events])
                if events else np.zeros((0, len(self.element_names)),
                                        np.uint8),
                hands=record['hands'],
                stride=self.stride,
                clip_len=self.clip_len,
                pad_len=self.pad_len,
                num_clips=1)
            if self.video_ext:
                info['filename'] = self._media_path(record['video'])
            else:
                info['frame_dir'] = self._media_path(record['video'])
            if not self.test_mode:
                infos.append(info)
                continue
            canonical = dict(
                record,
                events=[dict(e, label=self.class_names[e['class_index']])
                        for e in events],
                json_events=[
                    dict(e, label=self.class_names[e['class_index']])
                    for e in record['json_events']
                ])
            info['gt_sequence'] = ground_truth_sequence(
                canonical, self.class_to_index, self.stride,
                self.reference_compat)
            info['gt_event_frames'] = np.array([e['frame'] for e in events],
                                               dtype=np.int64)
            info['gt_event_labels'] = np.array(
                [e['class_index'] for e in events], dtype=np.int64)
            for start in evaluation_clip_starts(record['num_frames'],
                                                self.clip_len, self.stride,
                                                self.pad_len):
                infos.append(dict(info, clip_start=start))
        if not self.test_mode:
            self._cumulative_lengths = np.cumsum(
                [r['num_frames'] for r in records])
        return infos
