"""Decoding videos into frame folders for the data-preparation tools.

A folder is written under a temporary name and renamed when complete, so
an interrupted run never leaves a half-written video behind.
"""
import os
import os.path as osp
import shutil
import sys
from typing import Dict, List, NamedTuple, Optional, Sequence

import cv2
import numpy as np
from mmengine.utils import ProgressBar

from fga.utils.atomic_files import (atomic_write, replace_directory,
                                    temporary_sibling)

__all__ = [
    'VIDEO_EXTS', 'FrameJob', 'find_videos', 'resize_frame', 'write_frames',
    'video_fps', 'extract_frame_list'
]

VIDEO_EXTS = ('.mp4', '.mkv', '.avi', '.mov', '.webm')


class FrameJob(NamedTuple):
    """One list entry: frames [start, end) of ``video`` (end -1: to the
    end) go to the folder ``name``, labelled ``label``."""
    name: str
    video: str
    label: int
    start: int = 0
    end: int = -1


def find_videos(video_dir: str) -> Dict[str, str]:
    """File stem → path of every video in ``video_dir``."""
    if not osp.isdir(video_dir):
        raise FileNotFoundError(f'video folder {video_dir} does not exist')
    videos = {}
    for name in sorted(os.listdir(video_dir)):
        stem, ext = osp.splitext(name)
        if ext.lower() in VIDEO_EXTS:
            videos[stem] = osp.join(video_dir, name)
    return videos


def resize_frame(frame: np.ndarray,
                 height: Optional[int] = None,
                 short_side: Optional[int] = None) -> np.ndarray:
    """Resize to a height or a short side (aspect kept); neither: as is."""
    h, w = frame.shape[:2]
    if short_side is not None:
        scale = short_side / min(h, w)
    elif height is not None:
        scale = height / h
    else:
        return frame
    if scale == 1:
        return frame
    size = (int(round(w * scale)), int(round(h * scale)))
    return cv2.resize(frame, size, interpolation=cv2.INTER_AREA)


def video_fps(video: str) -> float:
    """Frame rate of ``video``; an error names the file when unknown."""
    cap = cv2.VideoCapture(video)
    if not cap.isOpened():
        raise OSError(f'cannot open video {video}')
    fps = cap.get(cv2.CAP_PROP_FPS)
    cap.release()
    if not fps or fps != fps or fps <= 0:
        raise OSError(f'{video} reports no frame rate')
    return fps


def write_frames(video: str,
                 out_dir: str,
                 start: int = 0,
                 end: int = -1,
                 filename_tmpl: str = '{:06d}.jpg',
                 first_index: int = 0,
                 height: Optional[int] = None,
                 short_side: Optional[int] = None) -> int:
    """Frames [start, end) of ``video`` (``end`` -1: to the end) into
    ``out_dir`` as ``filename_tmpl.format(first_index + k)``; returns the
    number written. A video that cannot be opened or yields no frame
    raises ``OSError`` naming it; one that ends early is written with a
    warning."""
    cap = cv2.VideoCapture(video)
    if not cap.isOpened():
        raise OSError(f'cannot open video {video}')
    tmp = temporary_sibling(out_dir, 'partial')
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    try:
        count = _write_frames_to(cap, tmp, start, end, filename_tmpl,
                                 first_index, height, short_side)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        cap.release()
    if count == 0:
        shutil.rmtree(tmp)
        raise OSError(f'no frames decoded from {video} at frame {start}')
    if end >= 0 and start + count < end:
        print(
            f'warning: {video} ends at frame {start + count}, before '
            f'{end}; {osp.basename(out_dir)} is shorter',
            file=sys.stderr)
    replace_directory(tmp, out_dir)
    return count


def _write_frames_to(cap, folder: str, start: int, end: int,
                     filename_tmpl: str, first_index: int,
                     height: Optional[int],
                     short_side: Optional[int]) -> int:
    if start:
        cap.set(cv2.CAP_PROP_POS_FRAMES, start)
    count = 0
    while end < 0 or start + count < end:
        ok, frame = cap.read()
        if not ok:
            break
        name = filename_tmpl.format(first_index + count)
        path = osp.join(folder, name)
        if not cv2.imwrite(path, resize_frame(frame, height, short_side)):
            raise OSError(f'cannot write {path}')
        count += 1
    return count


def extract_frame_list(jobs: Sequence[FrameJob],
                       frames_root: str,
                       list_path: str,
                       short_side: Optional[int] = 256,
                       overwrite: bool = False) -> List[str]:
    """Write IBM-layout frames (``frames_root/<name>/{:05d}.jpg`` from 1)
    and the list file ``<name> 1 <frames> <label>`` for ``jobs``.

    Existing folders are kept (``overwrite`` redoes them). A video that
    fails is left out of the list and reported; the list is written
    atomically once every job ran. Returns the failures, one line each
    naming the video and the problem.
    """
    lines, failures = [], []
    progress = ProgressBar(len(jobs))
    for job in jobs:
        target = osp.join(frames_root, job.name)
        try:
            if overwrite or not osp.isdir(target):
                count = write_frames(
                    job.video,
                    target,
                    job.start,
                    job.end,
                    '{:05d}.jpg',
                    1,
                    short_side=short_side)
            else:
                count = sum(f.endswith('.jpg') for f in os.listdir(target))
            lines.append(f'{job.name} 1 {count} {job.label}\n')
        except OSError as err:
            failures.append(f'{job.name}: {err}')
        progress.update()
    with atomic_write(list_path) as f:
        f.writelines(lines)
    print(f'\n{len(lines)} videos listed in {list_path}')
    for failure in failures:
        print(f'failed: {failure}', file=sys.stderr)
    return failures
