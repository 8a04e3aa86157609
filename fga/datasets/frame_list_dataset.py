import os.path as osp
import warnings
from typing import Callable, List, Optional, Union

from mmaction.registry import DATASETS
from mmengine.dataset import BaseDataset

from fga.annotations import read_lines
from .reproducible_items import ReproducibleItems


@DATASETS.register_module()
class FrameListDataset(ReproducibleItems, BaseDataset):
    """Frame folders listed IBM-style (``IBM/action-recognition-pytorch``).

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
        check_frames: verify the first and last frame files exist when
            loading, so a missing folder fails before training starts.
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

    def _parse(self, line: str, number: int) -> Optional[dict]:
        fields = line.strip().split(';' if ';' in line else None)
        where = f'{self.ann_file}:{number}'
        if len(fields) not in (3, 4):
            raise ValueError(f'{where}: expected "path start end [label]", '
                             f'got {line.strip()!r}' +
                             (' (multi-label lists are not supported)'
                              if len(fields) > 4 else ''))
        try:
            start, end = int(fields[1]), int(fields[2])
            label = int(fields[3]) if len(fields) == 4 else -1
        except ValueError:
            raise ValueError(f'{where}: start, end and label must be '
                             f'integers, got {line.strip()!r}') from None
        if start > end:
            raise ValueError(f'{where}: start frame {start} > end frame '
                             f'{end}')
        if len(fields) == 4 and not 0 <= label < self.num_classes:
            raise ValueError(f'{where}: label {label} is outside 0..'
                             f'{self.num_classes - 1}')
        return dict(frame_dir=osp.join(self.data_prefix['img'], fields[0]),
                    start_index=start, total_frames=end - start + 1,
                    label=label, filename_tmpl=self.filename_tmpl,
                    modality='RGB')

    def load_data_list(self) -> List[dict]:
        data_list, short = [], 0
        lines = read_lines(self.ann_file, 'list file')
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            item = self._parse(line, number)
            if item['total_frames'] < self.min_frames:
                short += 1
                continue
            if self.check_frames:
                for index in (item['start_index'],
                              item['start_index'] + item['total_frames'] - 1):
                    path = osp.join(item['frame_dir'],
                                    self.filename_tmpl.format(index))
                    if not osp.isfile(path):
                        raise FileNotFoundError(
                            f'{self.ann_file}:{number}: missing frame '
                            f'{path}')
            data_list.append(item)
        if short:
            warnings.warn(f'{self.ann_file}: skipped {short} videos with '
                          f'fewer than {self.min_frames} frames')
        if not data_list:
            raise ValueError(f'{self.ann_file}: no videos')
        return data_list
