"""FineGym99 elements (Shao et al., CVPR 2020) for ``FrameListDataset``:
frames of every element and IBM-style list files.

Element ids are ``<youtube id>_E_<event start>_<event end>_A_<s>_<e>``;
an element spans its event's start plus its first stage's start to its
last stage's end (seconds in the annotation JSON).
"""
import os.path as osp
import sys
from typing import Dict, List, Tuple

from fga.annotations import AnnotationError, load_json, read_lines
from .frame_extraction import (FrameJob, extract_frame_list, find_videos,
                               video_fps)

__all__ = [
    'GYM99_NUM_CLASSES', 'split_element_id', 'element_seconds',
    'read_gym99_jobs', 'prepare_gym99'
]

GYM99_NUM_CLASSES = 99


def split_element_id(element_id: str) -> Tuple[str, str, str]:
    """``'<vid>_E_002407_002435_A_0003_0005'`` → (vid, 'E_002407_002435',
    'A_0003_0005'); YouTube ids may themselves contain ``_``."""
    head, sep, action = element_id.rpartition('_A_')
    video, sep2, event = head.rpartition('_E_')
    if not sep or not sep2 or not video:
        raise ValueError(f'{element_id!r} is not <video>_E_<event>_A_'
                         '<element>')
    return video, 'E_' + event, 'A_' + action


def element_seconds(annotation: dict, element_id: str) -> Tuple[float, float]:
    """Absolute (start, end) of an element in its video, in seconds."""
    video, event, action = split_element_id(element_id)
    try:
        event_info = annotation[video][event]
        stages = event_info['segments'][action]['timestamps']
        event_start = float(event_info['timestamps'][0][0])
    except (KeyError, IndexError, TypeError):
        raise KeyError(f'{element_id} is not in the annotation file') \
            from None
    return event_start + float(stages[0][0]), event_start + float(
        stages[-1][1])


def read_gym99_jobs(
        list_file: str, annotation: dict,
        videos: Dict[str, str]) -> Tuple[List[FrameJob], List[str]]:
    """Jobs for one split, and the elements whose video is missing."""
    jobs, missing, fps = [], [], {}
    lines = [
        line.split() for line in read_lines(list_file, 'list file')
        if line.strip()
    ]
    for number, fields in enumerate(lines, 1):
        if len(fields) != 2 or not fields[1].lstrip('-').isdigit():
            raise AnnotationError(
                f'{list_file}:{number}: expected "<element id> '
                f'<label>", got {" ".join(fields)!r}')
        element_id, label = fields[0], int(fields[1])
        if not 0 <= label < GYM99_NUM_CLASSES:
            raise AnnotationError(f'{list_file}:{number}: label {label} is '
                                  f'outside 0..{GYM99_NUM_CLASSES - 1}')
        try:
            start, end = element_seconds(annotation, element_id)
        except KeyError as err:
            raise KeyError(f'{list_file}:{number}: {err.args[0]}') from None
        video = videos.get(split_element_id(element_id)[0])
        if video is None:
            missing.append(f'{element_id}: no video for '
                           f'{split_element_id(element_id)[0]}')
            continue
        if video not in fps:
            fps[video] = video_fps(video)
        jobs.append(
            FrameJob(element_id, video, label, int(round(start * fps[video])),
                     int(round(end * fps[video]))))
    return jobs, missing


def prepare_gym99(annotation_file: str,
                  train_list: str,
                  val_list: str,
                  video_dir: str,
                  out_dir: str,
                  short_side: int = 256,
                  overwrite: bool = False) -> List[str]:
    """Write ``OUT/rawframes/<element>/{:05d}.jpg``, ``OUT/train.txt`` and
    ``OUT/val.txt``; an element whose video is missing is reported on
    stderr. Returns the failures, one line each."""
    annotation = load_json(annotation_file)
    videos = find_videos(video_dir)
    failures = []
    for list_file, split in ((train_list, 'train'), (val_list, 'val')):
        jobs, missing = read_gym99_jobs(list_file, annotation, videos)
        for line in missing:
            print(f'failed: {line}', file=sys.stderr)
        failures += missing + extract_frame_list(
            jobs, osp.join(out_dir, 'rawframes'),
            osp.join(out_dir, f'{split}.txt'), short_side, overwrite)
    return failures
