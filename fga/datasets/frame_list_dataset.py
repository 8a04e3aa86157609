import os.path as osp
import warnings
from typing import Callable, List, Optional, Union

from mmaction.registry import DATASETS
from mmengine.dataset import BaseDataset

from fga.annotations.frame_lists import read_frame_list
from .frame_files import check_frame_files, decode_frame
from .reproducible_items import ReproducibleItems


@DATASETS.register_module()
class FrameListDataset(ReproducibleItems, BaseDataset):
    """Frame folders listed IBM-style (``IBM/action-recognition-pytorch``,
    read by :func:`fga.annotations.frame_lists.read_frame_list`).

    Each line is ``relative/path start_frame end_frame label`` separated by
    spaces (SSv2, Moments) or ``;`` (Kinetics); test lists may omit the
    label (it becomes -1). Frames are ``{:05d}.jpg`` numbered from
    ``start_frame`` (1 in IBM's lists) to ``end_frame`` inclusive. Items
    feed MMAction2's ``SampleFrames`` + ``RawFrameDecode``: uniform (TSN)
    sampling of G groups × F frames is ``SampleFrames(clip_len=F,
    num_clips=G)``, dense (I3D) sampling of G frames every F is
    ``SampleFrames(clip_len=G, frame_interval=F, num_clips=1)``; videos
    shorter than requested loop, as ``SampleFrames`` does.

    Args:
        ann_file: the list file.
        num_classes: labels must lie in [0, num_classes).
        data_prefix: ``dict(img=FRAMES_ROOT)``.
        filename_tmpl: frame file name (``'{:05d}.jpg'``).
        min_frames: videos with fewer frames are skipped with a warning
            (IBM's ``filter_video``: SSv2 3, Kinetics 30).
        check_frames: verify the first and last frame files exist and are
            not empty when loading, so a missing folder fails before
            training starts. A frame that the pipeline fails to decode is
            reported by name (missing, empty or truncated).
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List[Union[dict, Callable]],
                 num_classes: int,
                 data_prefix: dict = dict(img=''),
                 filename_tmpl: str = '{:05d}.jpg',
                 min_frames: int = 0,
                 check_frames: bool = True,
                 test_mode: bool = False,
                 **kwargs) -> None:
        self.num_classes = num_classes
        self.filename_tmpl = filename_tmpl
        self.min_frames = min_frames
        self.check_frames = check_frames
        super().__init__(ann_file=ann_file, pipeline=pipeline,
                         data_prefix=data_prefix, test_mode=test_mode,
                         **kwargs)

    def prepare_data(self, idx: int):
        """The pipeline's output; when it fails, an error naming the
        video's first missing, empty, truncated or undecodable frame
        replaces MMAction2's decoder error (which names no file)."""
        try:
            return super().prepare_data(idx)
        except Exception as err:
            problem = self._bad_frame(self.get_data_info(idx))
            if problem is None:
                raise
            raise OSError(problem) from err

    def _bad_frame(self, item: dict) -> Optional[str]:
        for index in range(item['start_index'],
                           item['start_index'] + item['total_frames']):
            path = osp.join(item['frame_dir'],
                            self.filename_tmpl.format(index))
            if not osp.isfile(path):
                return f'{self.ann_file}: missing frame {path}'
            try:
                decode_frame(path)
            except OSError as err:
                return f'{self.ann_file}: {err}'
        return None

    def load_data_list(self) -> List[dict]:
        data_list, short = [], 0
        for entry in read_frame_list(self.ann_file, self.num_classes):
            item = dict(frame_dir=osp.join(self.data_prefix['img'],
                                           entry['path']),
                        start_index=entry['start'],
                        total_frames=entry['end'] - entry['start'] + 1,
                        label=entry['label'],
                        filename_tmpl=self.filename_tmpl, modality='RGB')
            if item['total_frames'] < self.min_frames:
                short += 1
                continue
            if self.check_frames:
                check_frame_files(item, self.filename_tmpl,
                                  f'{self.ann_file}:{entry["line"]}')
            data_list.append(item)
        if short:
            warnings.warn(f'{self.ann_file}: skipped {short} videos with '
                          f'fewer than {self.min_frames} frames')
        if not data_list:
            raise ValueError(f'{self.ann_file}: no videos')
        return data_list
