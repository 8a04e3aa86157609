"""Pre-extracted feature files: one (T, C) array per video, ``.npy`` or
``.npz``, one row per feature step (clip), and where those steps sit in
time.

Features sit at clip centres: with frame rate f, a stride of S frames
between features and clips of F frames, feature index g covers the clip
centred at ``(g·S + F/2) / f`` seconds. Data samples carry segments in
seconds; localizers map them onto their feature grid and back with
:func:`seconds_to_grid` and :func:`grid_to_seconds`, inverses of each
other. ``start`` is the grid index of a sample's first feature step when
its features were cropped from a longer video.
"""
import os.path as osp
from typing import Mapping, Optional, TypeVar

import numpy as np

from .file_io import AnnotationError

__all__ = [
    'load_feature_array', 'check_feature_array', 'feature_length',
    'check_feature_coverage', 'seconds_to_grid', 'grid_to_seconds',
    'grid_geometry'
]

Array = TypeVar('Array')


def check_feature_array(feats: np.ndarray, in_channels: int, source: str,
                        video: str) -> np.ndarray:
    """``feats`` as float32 (T, C) after checking its shape (T ≥ 1, C =
    ``in_channels``) and that every value is finite; errors name the video
    and ``source`` (a file, or where an in-memory array came from)."""
    feats = np.asarray(feats)
    if feats.ndim != 2 or feats.shape[1] != in_channels or len(feats) == 0:
        raise AnnotationError(f'video {video}: features {source} have shape '
                              f'{feats.shape}, expected (T >= 1, '
                              f'{in_channels})')
    if not np.issubdtype(feats.dtype, np.number):
        raise AnnotationError(f'video {video}: features {source} are of type '
                              f'{feats.dtype}, not numbers')
    if not np.isfinite(feats).all():
        raise AnnotationError(f'video {video}: features {source} contain NaN '
                              'or Inf')
    return feats.astype(np.float32, copy=False)


def load_feature_array(path: str,
                       in_channels: int,
                       video: str,
                       npz_key: Optional[str] = 'feats') -> np.ndarray:
    """Read and check one video's (T, C) features (see
    :func:`check_feature_array`); ``.npz`` archives hold them under
    ``npz_key``. Pickled (object) arrays are refused."""
    try:
        data = np.load(path, allow_pickle=False)
        if isinstance(data, np.lib.npyio.NpzFile):
            with data:
                if npz_key not in data:
                    raise AnnotationError(f'no array {npz_key!r} (has '
                                          f'{list(data.keys())})')
                data = data[npz_key]
    except (OSError, ValueError, EOFError) as err:
        raise AnnotationError(f'video {video}: cannot read features {path}: '
                              f'{err}') from None
    return check_feature_array(data, in_channels, path, video)


def feature_length(path: str) -> Optional[int]:
    """Feature steps T of a ``.npy`` file from its header alone, or
    ``None`` when there is no such file (or it is not a plain ``.npy``)."""
    if not path.endswith('.npy') or not osp.isfile(path):
        return None
    try:
        with open(path, 'rb') as f:
            version = np.lib.format.read_magic(f)
            shape = (np.lib.format.read_array_header_1_0(f)
                     if version == (1, 0) else
                     np.lib.format.read_array_header_2_0(f))[0]
    except (OSError, ValueError) as err:
        raise AnnotationError(f'{path}: not a readable .npy array '
                              f'({err})') from None
    return int(shape[0]) if shape else None


def check_feature_coverage(num_steps: int,
                           duration: float,
                           fps: float,
                           stride: float,
                           num_frames: float,
                           source: str,
                           video: str,
                           min_fraction: float = 0.25) -> None:
    """A feature file must cover its video: one that has fewer than
    ``min_fraction`` of the ``(duration·fps − F) / S + 1`` steps the
    annotation implies is the wrong file (or the fps or stride is wrong),
    and would map every segment past its end."""
    expected = max(1.0, (duration * fps - num_frames) / stride + 1)
    if num_steps < min_fraction * expected:
        raise AnnotationError(
            f'video {video}: features {source} have {num_steps} steps, but '
            f'a {duration:g} s video at {fps:g} fps with a feature stride of '
            f'{stride:g} frames needs about {expected:.0f}; wrong feature '
            'file, fps or feat_stride?')


def seconds_to_grid(seconds: Array,
                    fps: float,
                    stride: float,
                    num_frames: float,
                    start: float = 0) -> Array:
    """Times (any shape, tensor or array) in seconds → feature indices:
    ``t·f/S − F/(2S) − start``."""
    return seconds * fps / stride - 0.5 * num_frames / stride - start


def grid_to_seconds(grid: Array,
                    fps: float,
                    stride: float,
                    num_frames: float,
                    start: float = 0) -> Array:
    """Feature indices → times in seconds: ``((g + start)·S + F/2) / f``;
    the inverse of :func:`seconds_to_grid`."""
    return ((grid + start) * stride + 0.5 * num_frames) / fps


def grid_geometry(meta: Mapping) -> dict:
    """The keyword arguments of both maps from a sample's metainfo
    (``fps``, ``feat_stride``, ``feat_num_frames``, optional
    ``feat_start``)."""
    return dict(fps=float(meta['fps']), stride=float(meta['feat_stride']),
                num_frames=float(meta['feat_num_frames']),
                start=float(meta.get('feat_start', 0)))
