"""Checks of frame and video files on disk: a frame that is empty,
truncated or not an image, a frame missing inside a video, and a frame
count that the files on disk cannot hold.

OpenCV decodes a truncated JPEG without an error (libjpeg only prints a
warning and the rest of the picture is grey), so a JPEG must end with its
end-of-image marker and a PNG with its ``IEND`` chunk before it is decoded.
"""
import os
import os.path as osp
from typing import Optional

import cv2
import numpy as np

__all__ = [
    'IMAGE_EXTENSIONS', 'frame_file_problem', 'decode_frame',
    'count_frame_files', 'check_frame_files', 'media_frame_problem'
]

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png')
_JPEG_START, _JPEG_END = b'\xff\xd8', b'\xff\xd9'
_PNG_START, _PNG_END = b'\x89PNG\r\n\x1a\n', b'IEND\xaeB`\x82'


def frame_file_problem(data: bytes) -> Optional[str]:
    """What is wrong with the bytes of an image file, or ``None``: empty,
    truncated (a JPEG without its end-of-image marker, a PNG without its
    ``IEND`` chunk). Trailing zero bytes after the end marker are allowed
    (some writers pad files)."""
    if not data:
        return 'is empty (0 bytes)'
    tail = data.rstrip(b'\0')
    if data.startswith(_JPEG_START) and not tail.endswith(_JPEG_END):
        return (f'is a truncated JPEG ({len(data)} bytes, no end-of-image '
                'marker)')
    if data.startswith(_PNG_START) and not tail.endswith(_PNG_END):
        return f'is a truncated PNG ({len(data)} bytes, no IEND chunk)'
    return None


def decode_frame(path: str) -> np.ndarray:
    """An image file as (H, W, 3) uint8 RGB.

    Raises:
        OSError: naming the file when it is empty, truncated or not an
            image OpenCV can decode.
    """
    with open(path, 'rb') as f:
        data = f.read()
    problem = frame_file_problem(data)
    if problem is None:
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        if img is not None:
            return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
        problem = 'cannot be decoded (corrupt or not an image)'
    raise OSError(f'frame {path} {problem}')


def count_frame_files(directory: str) -> int:
    """Image files (``.jpg``, ``.jpeg``, ``.png``) directly in
    ``directory``."""
    with os.scandir(directory) as entries:
        return sum(1 for e in entries
                   if e.name.lower().endswith(IMAGE_EXTENSIONS))


def check_frame_files(item: dict, filename_tmpl: str, where: str) -> None:
    """The first and last frame of an item (``frame_dir``,
    ``start_index``, ``total_frames``) exist and are non-empty, so a
    missing folder or a list that runs past the frames fails when the
    dataset loads; errors start with ``where``."""
    for index in (item['start_index'],
                  item['start_index'] + item['total_frames'] - 1):
        path = osp.join(item['frame_dir'], filename_tmpl.format(index))
        if not osp.isfile(path):
            raise FileNotFoundError(f'{where}: missing frame {path}')
        if osp.getsize(path) == 0:
            raise OSError(f'{where}: frame {path} is empty (0 bytes)')


def media_frame_problem(path: str, num_frames: int) -> Optional[str]:
    """Why ``num_frames`` cannot be the length of the frame folder or video
    file at ``path``, or ``None`` (also when ``path`` does not exist; the
    decoder reports that when it reads it).

    A folder must hold at least half of ``num_frames`` images (a trimmed
    dump may miss its last frames, never most of them); a video file
    needs at least one byte per frame.
    """
    if osp.isdir(path):
        count = count_frame_files(path)
        if count < num_frames / 2:
            return (f'num_frames is {num_frames}, but its frame folder '
                    f'{path} holds {count} images')
    elif osp.isfile(path):
        size = osp.getsize(path)
        if size < num_frames:
            return (f'num_frames is {num_frames}, but its video file {path} '
                    f'has {size} bytes, fewer than one per frame')
    return None
