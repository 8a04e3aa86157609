"""Prepare Diving48 (Li et al., ECCV 2018) for fga's ``FrameListDataset``:
frames of every video and IBM-style list files.

    python tools/data/diving48/prepare.py \
        Diving48_V2_train.json Diving48_V2_test.json VIDEO_DIR data/diving48

Annotations are the official V2 JSON lists of ``{"vid_name", "label",
"start_frame", "end_frame"}``; videos ``VIDEO_DIR/<vid_name>.mp4`` (the
``rgb`` folder of the release). Writes ``OUT/rawframes/<vid_name>/
{:05d}.jpg`` (from 1, short side 256), ``OUT/train.txt`` and
``OUT/val.txt`` (the test split, which the literature reports), one line
``<vid_name> 1 <frames> <label>`` per video. Existing frame folders are
kept (``--overwrite`` redoes them); a video that fails is left out of the
list, named on stderr, and the exit status is 1.
"""
import argparse
import json
import os.path as osp
import sys
from typing import List

ROOT = osp.dirname(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))
sys.path.insert(0, ROOT)

from fga.datasets.frame_extraction import FrameJob  # noqa: E402
from fga.datasets.frame_extraction import extract_frame_list, find_videos

NUM_CLASSES = 48


def read_jobs(ann_file: str, video_dir: str) -> List[FrameJob]:
    """Jobs for one split; malformed entries are errors naming the file."""
    with open(ann_file) as f:
        records = json.load(f)
    if not isinstance(records, list):
        raise ValueError(f'{ann_file}: expected a JSON list of videos')
    videos = find_videos(video_dir)
    jobs = []
    for index, record in enumerate(records):
        try:
            name, label = record['vid_name'], int(record['label'])
        except (KeyError, TypeError, ValueError):
            raise ValueError(f'{ann_file}: entry {index} has no vid_name/'
                             f'integer label: {record!r}') from None
        if not 0 <= label < NUM_CLASSES:
            raise ValueError(f'{ann_file}: {name} has label {label}, '
                             f'outside 0..{NUM_CLASSES - 1}')
        video = videos.get(name, osp.join(video_dir, f'{name}.mp4'))
        jobs.append(FrameJob(name, video, label))
    return jobs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('train_json')
    parser.add_argument('test_json')
    parser.add_argument('video_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--overwrite', action='store_true')
    args = parser.parse_args(argv)
    failures = []
    for ann_file, split in ((args.train_json, 'train'), (args.test_json,
                                                         'val')):
        failures += extract_frame_list(
            read_jobs(ann_file, args.video_dir),
            osp.join(args.out_dir, 'rawframes'),
            osp.join(args.out_dir, f'{split}.txt'), args.short_side,
            args.overwrite)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
