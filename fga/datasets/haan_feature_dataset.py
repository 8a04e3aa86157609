import os.path as osp
import warnings
from typing import Callable, List, Optional, Sequence, Union

import numpy as np
from mmaction.registry import DATASETS
from mmengine.dataset import BaseDataset

from fga.annotations import (AnnotationError, class_balance_weights,
                             load_haan_annotations, read_gym99_event_ids)
from fga.annotations.features import feature_length
from fga.annotations.haan import clip_to_videos
from fga.annotations.npy import load_npy
from .reproducible_items import ReproducibleItems


@DATASETS.register_module()
class HAANFeatureDataset(ReproducibleItems, BaseDataset):
    """Clip features with HAAN's hierarchical labels (FineGym, FineAction).

    Training items carry only video-level labels (multi-hot fine and
    coarse classes with HAAN's class-balance weights); segments are kept
    for evaluation.

    Args:
        ann_path: folder of HAAN's ``.npy`` annotations, or the converted
            JSON.
        features: the reference's object array (``FineGym_i3d_fps24.npy``:
            one (T_i, D) array per video, in ``video_names`` order) or a
            folder of ``<video>.npy`` files.
        split: ``'train'``, ``'val'`` or ``'test'``.
        num_training_videos: with ``.npy`` annotations, the first N videos
            are training, the rest test (FineGym 3775, FineAction 8440).
        split_file: optionally a Gym99 element list (e.g.
            ``FineGym-new-split/gym99_train_element_new.txt``); the split's
            videos are then the events it lists.
        val_fraction: share of the training videos held out (seeded by
            ``val_seed``) as the ``'val'`` split for model selection.
        num_classes / num_coarse_classes / in_channels: checked.
        keep_degenerate_segments: keep ground truth with end ≤ start, which
            can never be matched (the reference does; FineAction's oracle
            mAP is then 99.92 instead of 100). Dropped with a warning
            otherwise.
    """

    def __init__(self,
                 ann_path: str,
                 features: str,
                 split: str,
                 pipeline: List[Union[dict, Callable]],
                 num_classes: int,
                 num_coarse_classes: int,
                 in_channels: int,
                 num_training_videos: Optional[int] = None,
                 split_file: Optional[str] = None,
                 val_fraction: float = 0.0,
                 val_seed: int = 0,
                 keep_degenerate_segments: bool = False,
                 test_mode: bool = False,
                 **kwargs) -> None:
        if split not in ('train', 'val', 'test'):
            raise ValueError(f"split must be 'train', 'val' or 'test', got "
                             f'{split!r}')
        self.ann_path = ann_path
        self.features = features
        self.split = split
        self.num_classes = num_classes
        self.num_coarse_classes = num_coarse_classes
        self.in_channels = in_channels
        self.num_training_videos = num_training_videos
        self.split_file = split_file
        self.val_fraction = val_fraction
        self.val_seed = val_seed
        self.keep_degenerate_segments = keep_degenerate_segments
        # In-memory feature arrays are not worth pickling into one buffer.
        kwargs.setdefault('serialize_data', False)
        super().__init__(ann_file='', pipeline=pipeline, test_mode=test_mode,
                         lazy_init=False, **kwargs)

    def _training_mask(self, data: dict) -> np.ndarray:
        videos = data['videos']
        if data['subsets'] is not None:
            return np.array([s.startswith('train') for s in data['subsets']])
        if self.num_training_videos is None:
            raise ValueError(f'{self.ann_path}: .npy annotations need '
                             'num_training_videos (FineGym 3775, FineAction '
                             '8440)')
        return np.arange(len(videos)) < self.num_training_videos

    def _select(self, data: dict, split: str) -> np.ndarray:
        """Indices of the videos of ``split``."""
        names = [v['video_id'] for v in data['videos']]
        if self.split_file is not None:
            wanted = set(read_gym99_event_ids(self.split_file))
            unknown = wanted - set(names)
            if unknown:
                raise ValueError(f'{self.split_file}: {len(unknown)} events '
                                 f'missing from {self.ann_path}, e.g. '
                                 f'{sorted(unknown)[:3]}')
            # The file lists the events of this split (train or test).
            training = np.array([n in wanted for n in names])
            if split == 'test':
                return np.flatnonzero(training)
        else:
            training = self._training_mask(data)
            if split == 'test':
                return np.flatnonzero(~training)
        train_index = np.flatnonzero(training)
        held_out = np.zeros(len(train_index), dtype=bool)
        if self.val_fraction > 0:
            rng = np.random.default_rng(self.val_seed)
            count = int(round(self.val_fraction * len(train_index)))
            held_out[rng.permutation(len(train_index))[:count]] = True
        return train_index[held_out if split == 'val' else ~held_out]

    def load_data_list(self) -> List[dict]:
        data = load_haan_annotations(self.ann_path, self.num_classes)
        mapping = data['fine_to_coarse']
        if len(mapping) != self.num_classes or max(
                mapping.values()) >= self.num_coarse_classes:
            raise ValueError(f'{self.ann_path}: fine_to_coarse maps '
                             f'{len(mapping)} classes onto '
                             f'{max(mapping.values()) + 1} coarse ones; '
                             f'expected {self.num_classes} / '
                             f'{self.num_coarse_classes}')
        index = self._select(data, self.split)
        videos = data['videos']
        arrays = self._feature_arrays(videos)
        self._clip_to_features(videos, index, arrays)
        # Class-balance weights always come from the training videos (for
        # a test split_file, the remaining events).
        train_index = (self._select(data, 'train') if self.split_file is None
                       or self.split != 'test' else np.setdiff1d(
                           np.arange(len(videos)), index))
        train_videos = [videos[i] for i in train_index]
        fine_hot = np.stack([self._multi_hot(v['fine'], self.num_classes)
                             for v in train_videos])
        coarse_hot = np.stack([
            self._multi_hot(v['coarse'], self.num_coarse_classes)
            for v in train_videos
        ])
        fine_pos, fine_neg = class_balance_weights(fine_hot)
        coarse_pos, coarse_neg = class_balance_weights(coarse_hot)
        data_list, degenerate = [], 0
        for i in index:
            video = videos[i]
            segments, fine = video['segments'], video['fine']
            bad = segments[:, 1] <= segments[:, 0]
            if bad.any() and not self.keep_degenerate_segments:
                degenerate += int(bad.sum())
                segments, fine = segments[~bad], fine[~bad]
            fine_labels = self._multi_hot(video['fine'], self.num_classes)
            coarse_labels = self._multi_hot(video['coarse'],
                                            self.num_coarse_classes)
            item = dict(
                video_id=video['video_id'],
                video_index=int(i),
                sec2clip=video['sec2clip'],
                gt_segments_seconds=segments,
                gt_labels=fine,
                fine_labels=fine_labels,
                coarse_labels=coarse_labels,
                fine_weights=np.where(fine_labels > 0, fine_pos, fine_neg),
                coarse_weights=np.where(coarse_labels > 0, coarse_pos,
                                        coarse_neg))
            if arrays is None:
                item['feature_path'] = osp.join(self.features,
                                                f'{video["video_id"]}.npy')
            else:
                item['feature'] = arrays[i]
            data_list.append(item)
        if degenerate:
            warnings.warn(f'{self.ann_path} ({self.split}): dropped '
                          f'{degenerate} ground-truth segments with end <= '
                          'start (keep_degenerate_segments=True keeps them, '
                          'as the reference)')
        self._metainfo['classes'] = tuple(
            f'fine_{c}' for c in range(self.num_classes))
        return data_list

    @staticmethod
    def _multi_hot(labels, size: int) -> np.ndarray:
        out = np.zeros(size, dtype=np.float32)
        out[np.asarray(labels, dtype=np.int64)] = 1
        return out

    def _clip_to_features(self, videos, index, arrays) -> None:
        """Clip the split's ground truth to its videos' features (T /
        sec2clip seconds; per-video files are measured from their
        headers), with one warning, as the ActionFormer loader clips to
        the annotated duration."""
        durations = []
        for i in index:
            if arrays is None:
                steps = feature_length(
                    osp.join(self.features, f'{videos[i]["video_id"]}.npy'))
            else:
                steps = len(arrays[i]) if np.ndim(arrays[i]) else None
            durations.append(None if steps is None else steps /
                             videos[i]['sec2clip'])
        clip_to_videos([videos[i] for i in index], durations,
                       f'{self.ann_path} ({self.split})')

    def _feature_arrays(self, videos) -> Optional[Sequence[np.ndarray]]:
        if osp.isdir(self.features):
            return None
        arrays = load_npy(self.features, 'feature file or folder')
        if arrays.ndim != 1 or len(arrays) != len(videos):
            raise AnnotationError(
                f'{self.features}: {len(arrays)} feature arrays (shape '
                f'{arrays.shape}) for {len(videos)} annotated videos')
        return arrays
