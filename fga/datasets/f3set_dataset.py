"""F3Set: fast, frequent, fine-grained events whose labels compose
elements, for F3ED (per-frame events and element multi-labels) and F3AST
(the sequence of events)."""
import os.path as osp
from typing import Callable, List, Optional, Union

import numpy as np
from mmaction.registry import DATASETS

from fga.annotations import (load_element_groups, load_elements,
                             load_event_vocabulary, load_f3set_annotations)
from .event_sequence_dataset import EventSequenceDataset


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

        self.element_names = load_elements(resolve(elements_file))
        self.element_groups = load_element_groups(
            resolve(groups_file), self.element_names)
        self.vocabulary = load_event_vocabulary(
            resolve(events_file), self.element_groups)
        super().__init__(
            ann_file,
            classes_file=events_file,
            pipeline=pipeline,
            data_prefix=data_prefix,
            video_ext=video_ext,
            clip_len=clip_len,
            stride=stride,
            pad_len=pad_len,
            num_train_clips=num_train_clips,
            reference_compat=reference_compat,
            test_mode=test_mode,
            data_root=data_root,
            **kwargs)

    def _read_class_names(self, classes_file: str) -> List[str]:
        # The events (events.txt was read with the element groups).
        return list(self.vocabulary.names)

    def _extra_metainfo(self) -> dict:
        return dict(elements=tuple(self.element_names),
                    element_groups=self.element_groups.to_dict(),
                    event_elements=self.vocabulary.elements.tolist())

    def _load_records(self) -> List[dict]:
        records = load_f3set_annotations(self.ann_file, self.element_groups,
                                         self.vocabulary)

        def canonical(events):
            return [dict(e, label=self.class_names[e['class_index']])
                    for e in events]

        return [dict(r, events=canonical(r['events']),
                     json_events=canonical(r['json_events']))
                for r in records]

    def _video_info(self, record: dict) -> dict:
        events = record['events']
        info = super()._video_info(record)
        info['event_elements'] = np.stack(
            [e['elements'] for e in events]) if events else np.zeros(
                (0, len(self.element_names)), np.uint8)
        info['hands'] = record['hands']
        return info
