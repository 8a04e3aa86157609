"""Prepare FineGym99 element-level recognition (Shao et al., CVPR 2020)
for fga's ``FrameListDataset``: frames of every element and IBM-style lists.

    python tools/data/finegym/prepare_gym99.py \
        finegym_annotation_info_v1.1.json gym99_train_element_v1.1.txt \
        gym99_val_element.txt VIDEO_DIR data/finegym99

Elements are named ``<youtube id>_E_<event>_A_<element>`` in the official
lists (``<element id> <label>`` per line). The annotation JSON gives the
event's absolute time (``[video][E_…]["timestamps"][0]``) and the
element's stages relative to it (``["segments"][A_…]["timestamps"]``); an
element runs from its first stage's start to its last stage's end. Videos
are the full competition videos ``VIDEO_DIR/<youtube id>.<ext>``. Writes
``OUT/rawframes/<element id>/{:05d}.jpg`` (from 1, short side 256) and
``OUT/{train,val}.txt``. Existing folders are kept (``--overwrite`` redoes
them); elements that fail are left out, named on stderr, exit status 1.
"""
import argparse
import json
import os.path as osp
import sys
from typing import Dict, List, Tuple

ROOT = osp.dirname(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))
sys.path.insert(0, ROOT)

from fga.datasets.frame_extraction import FrameJob  # noqa: E402
from fga.datasets.frame_extraction import (extract_frame_list, find_videos,
                                           video_fps)

NUM_CLASSES = 99


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


def read_jobs(list_file: str, annotation: dict,
              videos: Dict[str, str]) -> Tuple[List[FrameJob], List[str]]:
    """Jobs for one split, and the elements whose video is missing."""
    jobs, missing, fps = [], [], {}
    with open(list_file) as f:
        lines = [line.split() for line in f if line.strip()]
    for number, fields in enumerate(lines, 1):
        if len(fields) != 2 or not fields[1].lstrip('-').isdigit():
            raise ValueError(f'{list_file}:{number}: expected "<element id> '
                             f'<label>", got {" ".join(fields)!r}')
        element_id, label = fields[0], int(fields[1])
        if not 0 <= label < NUM_CLASSES:
            raise ValueError(f'{list_file}:{number}: label {label} is '
                             f'outside 0..{NUM_CLASSES - 1}')
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('annotation')
    parser.add_argument('train_list')
    parser.add_argument('val_list')
    parser.add_argument('video_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--overwrite', action='store_true')
    args = parser.parse_args(argv)
    with open(args.annotation) as f:
        annotation = json.load(f)
    videos = find_videos(args.video_dir)
    failures = []
    for list_file, split in ((args.train_list, 'train'), (args.val_list,
                                                          'val')):
        jobs, missing = read_jobs(list_file, annotation, videos)
        for line in missing:
            print(f'failed: {line}', file=sys.stderr)
        failures += missing + extract_frame_list(
            jobs, osp.join(args.out_dir, 'rawframes'),
            osp.join(args.out_dir, f'{split}.txt'), args.short_side,
            args.overwrite)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
