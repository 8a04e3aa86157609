"""Diving48 (Li et al., ECCV 2018) for ``FrameListDataset``: frames of
every video and IBM-style list files.

Annotations are the official V2 JSON lists of ``{"vid_name", "label",
"start_frame", "end_frame"}``; videos ``VIDEO_DIR/<vid_name>.mp4`` (the
``rgb`` folder of the release).
"""
import os.path as osp
from typing import List

from fga.annotations import AnnotationError, load_json
from .frame_extraction import FrameJob, extract_frame_list, find_videos

__all__ = ['DIVING48_NUM_CLASSES', 'read_diving48_jobs', 'prepare_diving48']

DIVING48_NUM_CLASSES = 48


def read_diving48_jobs(ann_file: str, video_dir: str) -> List[FrameJob]:
    """Jobs for one split; malformed entries are errors naming the file."""
    records = load_json(ann_file)
    if not isinstance(records, list):
        raise AnnotationError(f'{ann_file}: expected a JSON list of videos')
    videos = find_videos(video_dir)
    jobs = []
    for index, record in enumerate(records):
        try:
            name, label = record['vid_name'], int(record['label'])
        except (KeyError, TypeError, ValueError):
            raise AnnotationError(f'{ann_file}: entry {index} has no vid_name/'
                                  f'integer label: {record!r}') from None
        if not 0 <= label < DIVING48_NUM_CLASSES:
            raise AnnotationError(f'{ann_file}: {name} has label {label}, '
                                  f'outside 0..{DIVING48_NUM_CLASSES - 1}')
        video = videos.get(name, osp.join(video_dir, f'{name}.mp4'))
        jobs.append(FrameJob(name, video, label))
    return jobs


def prepare_diving48(train_json: str,
                     test_json: str,
                     video_dir: str,
                     out_dir: str,
                     short_side: int = 256,
                     overwrite: bool = False) -> List[str]:
    """Write ``OUT/rawframes/<vid_name>/{:05d}.jpg`` (from 1),
    ``OUT/train.txt`` and ``OUT/val.txt`` (the test split, which the
    literature reports); see :func:`extract_frame_list`. Returns the
    failures, one line each."""
    failures = []
    for ann_file, split in ((train_json, 'train'), (test_json, 'val')):
        failures += extract_frame_list(
            read_diving48_jobs(ann_file, video_dir),
            osp.join(out_dir, 'rawframes'), osp.join(out_dir, f'{split}.txt'),
            short_side, overwrite)
    return failures
