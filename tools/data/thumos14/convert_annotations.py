"""Convert the official THUMOS14 temporal annotations into fga's
ActivityNet-style JSON (the layout ActionFormer's ``thumos14.json`` uses).

    python tools/data/thumos14/convert_annotations.py \
        --val-dir TH14_Temporal_annotations_validation/annotation \
        --test-dir TH14_Temporal_Annotations_Test/annotations/annotation \
        --meta META.csv --out data/thumos14/annotations/thumos14.json

Each ``<Class>_val.txt`` / ``<Class>_test.txt`` line is ``video start end``
in seconds. ``Ambiguous_*.txt`` is skipped. Class ids are the standard
alphabetical order of the 20 classes (BaseballPitch 0 ... VolleyballSpiking
19); CliffDiving instances also appear under Diving, as in the official
files. Durations and frame rates come from ``--meta`` (CSV with columns
``video,duration,fps``, e.g. from the official ``validation_set.mat`` /
``test_set_meta.mat``) or are read from the videos in ``--video-dir``.
Only videos with at least one annotation are written (212 test videos).
"""
import argparse
import csv
import glob
import json
import os
import os.path as osp
import re
from collections import defaultdict
from typing import Dict, Tuple

THUMOS14_CLASSES = (
    'BaseballPitch', 'BasketballDunk', 'Billiards', 'CleanAndJerk',
    'CliffDiving', 'CricketBowling', 'CricketShot', 'Diving', 'FrisbeeCatch',
    'GolfSwing', 'HammerThrow', 'HighJump', 'JavelinThrow', 'LongJump',
    'PoleVault', 'Shotput', 'SoccerPenalty', 'TennisSwing', 'ThrowDiscus',
    'VolleyballSpiking')
FILE_NAME = re.compile(r'^(?P<label>[A-Za-z]+)_(?P<split>val|test)\.txt$')


def read_annotation_dir(folder: str) -> Dict[str, list]:
    """video → [(label, start, end)] from one split's class files."""
    if not osp.isdir(folder):
        raise FileNotFoundError(f'annotation folder {folder} does not exist')
    videos = defaultdict(list)
    seen = set()
    for path in sorted(glob.glob(osp.join(folder, '*.txt'))):
        match = FILE_NAME.match(osp.basename(path))
        if not match:
            raise ValueError(f'{path}: unexpected file name (expected '
                             '<Class>_val.txt or <Class>_test.txt)')
        label = match['label']
        if label == 'Ambiguous':
            continue
        if label not in THUMOS14_CLASSES:
            raise ValueError(f'{path}: unknown THUMOS14 class {label!r}')
        seen.add(label)
        with open(path) as f:
            for number, line in enumerate(f, 1):
                parts = line.split()
                if not parts:
                    continue
                if len(parts) != 3:
                    raise ValueError(f'{path}:{number}: expected "video start '
                                     f'end", got {line.strip()!r}')
                start, end = float(parts[1]), float(parts[2])
                if end <= start:
                    raise ValueError(f'{path}:{number}: end {end} <= start '
                                     f'{start}')
                videos[parts[0]].append((label, start, end))
    missing = sorted(set(THUMOS14_CLASSES) - seen)
    if missing:
        raise ValueError(f'{folder}: no annotation file for {missing}')
    return videos


def read_meta(path: str) -> Dict[str, Tuple[float, float]]:
    with open(path, newline='') as f:
        reader = csv.DictReader(f)
        if not {'video', 'duration', 'fps'} <= set(reader.fieldnames or []):
            raise ValueError(f'{path}: needs the columns video,duration,fps')
        return {r['video']: (float(r['duration']), float(r['fps']))
                for r in reader}


def probe_video(video_dir: str, video: str) -> Tuple[float, float]:
    import decord
    for ext in ('.mp4', '.avi', '.mkv'):
        path = osp.join(video_dir, video + ext)
        if osp.isfile(path):
            try:
                reader = decord.VideoReader(path)
            except Exception as err:  # decord raises its own error types
                raise OSError(f'cannot read video {path}: {err}') from None
            fps = float(reader.get_avg_fps())
            return len(reader) / fps, fps
    raise FileNotFoundError(f'no video file for {video} in {video_dir}')


def convert(val_dir: str, test_dir: str, meta: Dict[str, Tuple[float,
                                                               float]],
            video_dir: str = None) -> dict:
    database = {}
    for subset, folder in (('Validation', val_dir), ('Test', test_dir)):
        for video, events in sorted(read_annotation_dir(folder).items()):
            if video in meta:
                duration, fps = meta[video]
            elif video_dir:
                duration, fps = probe_video(video_dir, video)
            else:
                raise KeyError(f'no duration/fps for {video}: add it to '
                               '--meta or pass --video-dir')
            database[video] = dict(
                subset=subset, duration=round(duration, 2), fps=fps,
                annotations=[
                    dict(label=label,
                         label_id=THUMOS14_CLASSES.index(label),
                         segment=[start, end],
                         **{'segment(frames)': [start * fps, end * fps]})
                    for label, start, end in sorted(events,
                                                    key=lambda e: e[1:])
                ])
    return dict(version='Thumos14-30fps', database=database)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--val-dir', required=True,
                        help='folder of <Class>_val.txt files')
    parser.add_argument('--test-dir', required=True,
                        help='folder of <Class>_test.txt files')
    parser.add_argument('--meta', help='CSV video,duration,fps')
    parser.add_argument('--video-dir',
                        help='videos to read duration and fps from')
    parser.add_argument('--out', required=True, help='output JSON')
    args = parser.parse_args(argv)
    meta = read_meta(args.meta) if args.meta else {}
    content = convert(args.val_dir, args.test_dir, meta, args.video_dir)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    tmp = args.out + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(content, f)
    os.replace(tmp, args.out)
    counts = defaultdict(lambda: [0, 0])
    for record in content['database'].values():
        counts[record['subset']][0] += 1
        counts[record['subset']][1] += len(record['annotations'])
    print(', '.join(f'{s}: {v} videos, {n} instances'
                    for s, (v, n) in counts.items()) + f' -> {args.out}')


if __name__ == '__main__':
    main()
