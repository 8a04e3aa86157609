"""Decode frame folders, zero-padding indices outside the video."""
import os
import os.path as osp
import warnings

import cv2
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from .padded_frames import stack_with_padding


@TRANSFORMS.register_module()
class PaddedRawFrameDecode(BaseTransform):
    """Read ``frame_dir/<filename_tmpl % ind>`` for every ``frame_inds``.

    Indices < 0 or >= ``num_frames`` are zero frames. A missing file inside
    the video is treated as the end of the video (the reference's rule for
    trimmed frame dumps) and reported once per video with a warning. A
    missing folder or an unreadable image raises an error naming it.

    Added keys: ``imgs`` (list of (H, W, 3) uint8 RGB), ``frame_valid``
    (T,) bool, ``original_shape``, ``img_shape``.
    """

    def __init__(self, filename_tmpl: str = '{:06d}.jpg') -> None:
        self.filename_tmpl = filename_tmpl
        self._warned = set()

    def _read(self, path: str) -> np.ndarray:
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        if img is None:
            raise OSError(f'cannot decode image {path} (corrupt or not an '
                          'image)')
        return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)

    def transform(self, results: dict) -> dict:
        directory = results['frame_dir']
        if not osp.isdir(directory):
            raise FileNotFoundError(
                f'video {results.get("video")}: frame folder {directory} '
                'does not exist')
        num_frames = results['num_frames']
        frames, first_missing = {}, None
        for ind in results['frame_inds']:
            ind = int(ind)
            if ind < 0 or ind >= num_frames or ind in frames:
                continue
            if first_missing is not None and ind > first_missing:
                continue
            path = osp.join(directory, self.filename_tmpl.format(ind))
            if not osp.isfile(path):
                first_missing = ind
                continue
            frames[ind] = self._read(path)
        if first_missing is not None and directory not in self._warned:
            self._warned.add(directory)
            warnings.warn(
                f'video {results.get("video")}: {directory} has no frame '
                f'{self.filename_tmpl.format(first_missing)} although '
                f'num_frames is {num_frames}; later frames are zero padding')
        frames = {i: f for i, f in frames.items()
                  if first_missing is None or i < first_missing}
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
                       if f.lower().endswith(('.jpg', '.jpeg', '.png')))
        if not first:
            raise FileNotFoundError(f'frame folder {directory} holds no '
                                    'images')
        return self._read(osp.join(directory, first[0])).shape

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}'
                f'(filename_tmpl={self.filename_tmpl!r})')
