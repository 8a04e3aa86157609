import os.path as osp
import warnings
from typing import Callable, List, Optional, Sequence, Union

from mmaction.registry import DATASETS
from mmengine.dataset import BaseDataset

from fga.annotations import (load_class_list, load_localization_database,
                             localization_label_dict, select_videos,
                             video_ground_truth)
from .reproducible_items import ReproducibleItems


@DATASETS.register_module()
class FeatureLocalizationDataset(ReproducibleItems, BaseDataset):
    """Temporal action localization on pre-extracted features: an
    ActivityNet-style annotation JSON and one ``<prefix><video><ext>`` file
    (T × C) per video.

    Args:
        ann_file: annotation JSON.
        subsets: ``subset`` values (case-insensitive) of this split, e.g.
            ``['validation']`` for THUMOS14 training.
        num_classes: checked against the annotation's classes.
        classes: optional class list (or ``.txt`` file, one name per line)
            fixing the label indices; otherwise the file's ``label_id``.
        data_prefix: ``dict(feature='FEATURE_DIR')``.
        feature_prefix / feature_ext: file name parts (``.npy`` or ``.npz``).
        feat_stride / num_frames: frames between features and frames per
            feature clip; with ``default_fps`` (when the JSON has no fps)
            they map seconds to feature indices.
        default_fps: frame rate for videos without ``fps``.
        missing_features: ``'error'`` (default) or ``'warn'`` to skip
            videos without a feature file.
        class_agnostic: every label becomes class 0 ("Action"), for
            proposal generation (the ActivityNet recipe).
    """

    def __init__(self,
                 ann_file: str,
                 subsets: Union[str, Sequence[str]],
                 num_classes: int,
                 pipeline: List[Union[dict, Callable]],
                 data_prefix: dict = dict(feature=''),
                 classes: Optional[Union[str, Sequence[str]]] = None,
                 feature_prefix: str = '',
                 feature_ext: str = '.npy',
                 feat_stride: float = 4,
                 num_frames: float = 16,
                 default_fps: Optional[float] = None,
                 missing_features: str = 'error',
                 class_agnostic: bool = False,
                 test_mode: bool = False,
                 **kwargs) -> None:
        if default_fps is not None and not default_fps > 0:
            raise ValueError(f'default_fps must be > 0, got {default_fps!r}')
        if not feat_stride > 0 or not num_frames >= 0:
            raise ValueError(f'feat_stride must be > 0 and num_frames >= 0, '
                             f'got {feat_stride!r} and {num_frames!r}')
        if missing_features not in ('error', 'warn'):
            raise ValueError(f"missing_features must be 'error' or 'warn', "
                             f'got {missing_features!r}')
        self.subsets = subsets
        self.num_classes = num_classes
        self.class_list = classes
        self.feature_prefix = feature_prefix
        self.feature_ext = feature_ext
        self.feat_stride = feat_stride
        self.num_frames = num_frames
        self.default_fps = default_fps
        self.missing_features = missing_features
        self.class_agnostic = class_agnostic
        super().__init__(
            ann_file=ann_file,
            pipeline=pipeline,
            data_prefix=data_prefix,
            test_mode=test_mode,
            **kwargs)

    def _class_names(self) -> Optional[List[str]]:
        if isinstance(self.class_list, str):
            return load_class_list(self.class_list)
        return None if self.class_list is None else list(self.class_list)

    def load_data_list(self) -> List[dict]:
        database = load_localization_database(self.ann_file)
        label_dict = localization_label_dict(database, self.ann_file,
                                             self._class_names(),
                                             self.num_classes,
                                             self.class_agnostic)
        classes = [f'class_{i}' for i in range(self.num_classes)]
        for name, index in label_dict.items():
            classes[index] = 'Action' if self.class_agnostic else name
        self._metainfo['classes'] = tuple(classes)
        videos = select_videos(database, self.subsets)
        if not videos:
            raise ValueError(f'{self.ann_file}: no video has subset in '
                             f'{self.subsets}')
        data_list, missing = [], []
        for video in videos:
            record = database[video]
            path = osp.join(self.data_prefix['feature'],
                            f'{self.feature_prefix}{video}{self.feature_ext}')
            if not osp.isfile(path):
                missing.append(video)
                continue
            fps = record.get('fps', self.default_fps)
            if fps is None:
                raise ValueError(f'{self.ann_file}: video {video} has no '
                                 '"fps"; set default_fps in the dataset')
            if 'duration' not in record:
                raise ValueError(f'{self.ann_file}: video {video} has no '
                                 '"duration"')
            segments, labels = video_ground_truth(video, record, label_dict,
                                                  self.ann_file)
            data_list.append(
                dict(
                    video_id=video,
                    feature_path=path,
                    fps=float(fps),
                    duration=float(record['duration']),
                    feat_stride=self.feat_stride,
                    feat_num_frames=self.num_frames,
                    gt_segments_seconds=segments,
                    gt_labels=labels))
        if missing:
            message = (
                f'{len(missing)} of {len(videos)} videos in '
                f'{self.ann_file} ({self.subsets}) have no feature file '
                f'under {self.data_prefix["feature"]!r}, e.g. '
                f'{missing[:3]}')
            if self.missing_features == 'error':
                raise FileNotFoundError(
                    message + "; pass missing_features='warn' to skip them")
            warnings.warn(message + '; skipped')
        return data_list
