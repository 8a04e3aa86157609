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
import shutil
import sys
from typing import Dict, List, Tuple

import cv2
from mmengine.utils import ProgressBar

VIDEO_EXTS = ('.mp4', '.mkv', '.avi', '.mov', '.webm')
CLIP_ID = re.compile(r'^(?P<match>.+)_(?P<start>\d+)_(?P<end>\d+)$')


def resize(frame, height: int):
    h, w = frame.shape[:2]
    if h == height:
        return frame
    return cv2.resize(frame, (int(round(w * height / h)), height),
                      interpolation=cv2.INTER_AREA)


def write_clip(video: str, out_dir: str, start: int, end: int,
               height: int) -> int:
    """Frames [start, end) of ``video`` (end -1: to the end) into
    ``out_dir``; returns the number written."""
    cap = cv2.VideoCapture(video)
    if not cap.isOpened():
        raise OSError(f'cannot open video {video}')
    tmp = out_dir + '.partial'
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    cap.set(cv2.CAP_PROP_POS_FRAMES, start)
    count = 0
    while end < 0 or start + count < end:
        ok, frame = cap.read()
        if not ok:
            break
        cv2.imwrite(osp.join(tmp, f'{count:06d}.jpg'), resize(frame, height))
        count += 1
    cap.release()
    if count == 0:
        shutil.rmtree(tmp)
        raise OSError(f'no frames decoded from {video} at frame {start}')
    if end >= 0 and start + count < end:
        print(f'warning: {video} ends at frame {start + count}, before '
              f'{end}; {osp.basename(out_dir)} is shorter', file=sys.stderr)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.rename(tmp, out_dir)
    return count


def find_videos(video_dir: str) -> Dict[str, str]:
    videos = {}
    for name in sorted(os.listdir(video_dir)):
        stem, ext = osp.splitext(name)
        if ext.lower() in VIDEO_EXTS:
            videos[stem] = osp.join(video_dir, name)
    return videos


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
            written += write_clip(source, target, start, end, args.height)
        progress.update()
    print(f'\n{len(jobs)} videos, {written} frames written to '
          f'{args.out_dir}')


if __name__ == '__main__':
    main()
