"""Extract frames in the F3AST layout: ``OUT/<video>/%06d.jpg``, 0-based,
resized to a height of 224 (aspect kept: 1280x720 -> 398x224).

    # one folder per video file
    python tools/data/f3ast/extract_frames.py VIDEO_DIR OUT_DIR
    # FineTennis / BadmintonDB clips <match>_<start>_<end> cut from the
    # match videos <match>.<ext>: clip frame k is match frame start + k
    python tools/data/f3ast/extract_frames.py VIDEO_DIR OUT_DIR \
        --clips data/finetennis/val.json data/finetennis/test.json

A folder is written under a temporary name and renamed when complete, so
an interrupted run never leaves a half-written video behind; existing
folders are skipped (``--overwrite`` redoes them).
"""
import argparse
import json
import os
import os.path as osp
import re
import sys
from typing import List, Tuple

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__)))))
sys.path.insert(0, ROOT)

from mmengine.utils import ProgressBar  # noqa: E402

from fga.datasets.frame_extraction import find_videos  # noqa: E402
from fga.datasets.frame_extraction import write_frames

CLIP_ID = re.compile(r'^(?P<match>.+)_(?P<start>\d+)_(?P<end>\d+)$')


def plan(video_dir: str, clip_files: List[str]) -> List[Tuple[str, str, int,
                                                              int]]:
    """(output name, source video, start, end) for every job."""
    videos = find_videos(video_dir)
    if not clip_files:
        return [(name, path, 0, -1) for name, path in videos.items()]
    jobs = []
    for clip_file in clip_files:
        with open(clip_file) as f:
            records = json.load(f)
        for record in records:
            match = CLIP_ID.match(record['video'])
            if match is None:
                raise ValueError(f'{clip_file}: {record["video"]} is not a '
                                 '<match>_<start>_<end> clip id')
            source = videos.get(match['match'])
            if source is None:
                raise FileNotFoundError(
                    f'{clip_file}: no video for match {match["match"]} in '
                    f'{video_dir}')
            jobs.append((record['video'], source, int(match['start']),
                         int(match['end'])))
    return jobs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('video_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--clips', nargs='+', default=[],
                        help='split JSONs whose ids are <match>_<s>_<e>')
    parser.add_argument('--height', type=int, default=224)
    parser.add_argument('--overwrite', action='store_true')
    args = parser.parse_args(argv)
    jobs = plan(args.video_dir, args.clips)
    os.makedirs(args.out_dir, exist_ok=True)
    progress = ProgressBar(len(jobs))
    written = 0
    for name, source, start, end in jobs:
        target = osp.join(args.out_dir, name)
        if args.overwrite or not osp.isdir(target):
            written += write_frames(source, target, start, end,
                                    height=args.height)
        progress.update()
    print(f'\n{len(jobs)} videos, {written} frames written to '
          f'{args.out_dir}')


if __name__ == '__main__':
    main()
