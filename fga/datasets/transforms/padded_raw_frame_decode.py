"""Decode frame folders, zero-padding indices outside the video."""
import os
import os.path as osp
import warnings
from typing import Dict, List

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ..frame_files import IMAGE_EXTENSIONS, decode_frame
from .padded_frames import stack_with_padding


@TRANSFORMS.register_module()
class PaddedRawFrameDecode(BaseTransform):
    """Read ``frame_dir/<filename_tmpl % ind>`` for every ``frame_inds``.

    Indices < 0 or >= ``num_frames`` are zero frames. Frames missing at the
    end of a folder (no later frame exists) are the end of the video (the
    reference's rule for trimmed frame dumps): zero padding, with one
    warning per video. A frame missing while later ones exist, and an
    empty, truncated or undecodable frame, are errors naming the file;
    with ``bad_frames='warn'`` they become zero frames instead, with a
    warning naming every one. A missing folder is always an error.

    Added keys: ``imgs`` (list of (H, W, 3) uint8 RGB), ``frame_valid``
    (T,) bool, ``original_shape``, ``img_shape``.

    Args:
        filename_tmpl: frame file name.
        bad_frames: ``'error'`` (default) or ``'warn'``.
    """

    def __init__(self, filename_tmpl: str = '{:06d}.jpg',
                 bad_frames: str = 'error') -> None:
        if bad_frames not in ('error', 'warn'):
            raise ValueError(f"bad_frames must be 'error' or 'warn', got "
                             f'{bad_frames!r}')
        self.filename_tmpl = filename_tmpl
        self.bad_frames = bad_frames
        self._warned = set()

    def _last_frame_on_disk(self, directory: str) -> int:
        """Index of the highest-numbered frame file (-1 if none); read
        only when a frame is missing."""
        last = -1
        for name in os.listdir(directory):
            stem = osp.splitext(name)[0]
            if stem.isdigit() and self.filename_tmpl.format(
                    int(stem)) == name:
                last = max(last, int(stem))
        return last

    def _bad(self, video, message: str, bad: List[str]) -> None:
        if self.bad_frames == 'error':
            raise OSError(f'video {video}: {message}')
        bad.append(message)

    def transform(self, results: dict) -> dict:
        directory = results['frame_dir']
        video = results.get('video')
        if not osp.isdir(directory):
            raise FileNotFoundError(
                f'video {video}: frame folder {directory} does not exist')
        num_frames = results['num_frames']
        frames: Dict[int, np.ndarray] = {}
        last_on_disk, trailing, bad = None, None, []
        for ind in sorted({int(i) for i in results['frame_inds']}):
            if ind < 0 or ind >= num_frames:
                continue
            if trailing is not None and ind >= trailing:
                continue
            path = osp.join(directory, self.filename_tmpl.format(ind))
            if not osp.isfile(path):
                if last_on_disk is None:
                    last_on_disk = self._last_frame_on_disk(directory)
                if ind > last_on_disk:
                    trailing = ind
                else:
                    self._bad(video, f'frame {path} is missing, although '
                              f'frame {last_on_disk} exists', bad)
                continue
            try:
                frames[ind] = decode_frame(path)
            except OSError as err:
                self._bad(video, str(err), bad)
        if bad:
            warnings.warn(f'video {video}: {len(bad)} bad frames are zero '
                          f'padding: {"; ".join(bad)}')
        if trailing is not None and directory not in self._warned:
            self._warned.add(directory)
            warnings.warn(
                f'video {video}: {directory} has no frame '
                f'{self.filename_tmpl.format(trailing)} although '
                f'num_frames is {num_frames}; later frames are zero padding')
        shape = self._frame_shape(frames, directory)
        imgs, valid = stack_with_padding(frames, results['frame_inds'], shape)
        results['imgs'] = imgs
        results['frame_valid'] = valid
        results['original_shape'] = shape[:2]
        results['img_shape'] = shape[:2]
        return results

    def _frame_shape(self, frames: dict, directory: str) -> tuple:
        if frames:
            return next(iter(frames.values())).shape
        first = sorted(f for f in os.listdir(directory)
                       if f.lower().endswith(IMAGE_EXTENSIONS))
        if not first:
            raise FileNotFoundError(f'frame folder {directory} holds no '
                                    'images')
        return decode_frame(osp.join(directory, first[0])).shape

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}'
                f'(filename_tmpl={self.filename_tmpl!r}, '
                f'bad_frames={self.bad_frames!r})')
