"""Frames in the F3AST layout: ``OUT/<video>/%06d.jpg``, 0-based, resized
to a given height (aspect kept: 1280x720 -> 398x224).

Whole videos become one folder each; FineTennis / BadmintonDB clips
``<match>_<start>_<end>`` are cut from the match videos ``<match>.<ext>``
(clip frame k is match frame start + k).
"""
import os
import os.path as osp
import re
from typing import List, Sequence, Tuple

from mmengine.utils import ProgressBar

from fga.annotations import AnnotationError, load_json
from .frame_extraction import find_videos, write_frames

__all__ = ['plan_f3ast_frames', 'extract_f3ast_frames']

CLIP_ID = re.compile(r'^(?P<match>.+)_(?P<start>\d+)_(?P<end>\d+)$')


def plan_f3ast_frames(
        video_dir: str,
        clip_files: List[str]) -> List[Tuple[str, str, int, int]]:
    """(output name, source video, start, end) for every job."""
    videos = find_videos(video_dir)
    if not clip_files:
        return [(name, path, 0, -1) for name, path in videos.items()]
    jobs = []
    for clip_file in clip_files:
        records = load_json(clip_file)
        if not isinstance(records, list):
            raise AnnotationError(f'{clip_file}: expected a JSON list of '
                                  'videos')
        for record in records:
            match = CLIP_ID.match(record['video'])
            if match is None:
                raise AnnotationError(
                    f'{clip_file}: {record["video"]} is not a '
                    '<match>_<start>_<end> clip id')
            source = videos.get(match['match'])
            if source is None:
                raise FileNotFoundError(
                    f'{clip_file}: no video for match {match["match"]} in '
                    f'{video_dir}')
            jobs.append((record['video'], source, int(match['start']),
                         int(match['end'])))
    return jobs


def extract_f3ast_frames(video_dir: str,
                         out_dir: str,
                         clip_files: Sequence[str] = (),
                         height: int = 224,
                         overwrite: bool = False) -> Tuple[int, int]:
    """Write the frames of every video (or clip of ``clip_files``) under
    ``out_dir``; existing folders are kept unless ``overwrite``. Each
    folder is written whole or not at all.

    Returns:
        (videos planned, frames written).
    """
    jobs = plan_f3ast_frames(video_dir, list(clip_files))
    os.makedirs(out_dir, exist_ok=True)
    progress = ProgressBar(len(jobs))
    written = 0
    for name, source, start, end in jobs:
        target = osp.join(out_dir, name)
        if overwrite or not osp.isdir(target):
            written += write_frames(source, target, start, end, height=height)
        progress.update()
    return len(jobs), written
