"""The official THUMOS14 temporal annotations → fga's ActivityNet-style
JSON (the layout ActionFormer's ``thumos14.json`` uses).

Each ``<Class>_val.txt`` / ``<Class>_test.txt`` line is ``video start end``
in seconds; ``Ambiguous_*.txt`` is skipped. Class ids are the standard
alphabetical order of the 20 classes (BaseballPitch 0 ... VolleyballSpiking
19); CliffDiving instances also appear under Diving, as in the official
files.
"""
import csv
import glob
import os.path as osp
import re
from collections import defaultdict
from typing import Dict, Optional, Tuple

from fga.annotations import AnnotationError, read_lines

__all__ = [
    'THUMOS14_CLASSES', 'read_thumos14_annotation_dir', 'read_video_meta',
    'probe_video', 'thumos14_to_activitynet'
]

THUMOS14_CLASSES = ('BaseballPitch', 'BasketballDunk', 'Billiards',
                    'CleanAndJerk', 'CliffDiving', 'CricketBowling',
                    'CricketShot', 'Diving', 'FrisbeeCatch', 'GolfSwing',
                    'HammerThrow', 'HighJump', 'JavelinThrow', 'LongJump',
                    'PoleVault', 'Shotput', 'SoccerPenalty', 'TennisSwing',
                    'ThrowDiscus', 'VolleyballSpiking')
_FILE_NAME = re.compile(r'^(?P<label>[A-Za-z]+)_(?P<split>val|test)\.txt$')


def read_thumos14_annotation_dir(folder: str) -> Dict[str, list]:
    """video → [(label, start, end)] from one split's class files."""
    if not osp.isdir(folder):
        raise FileNotFoundError(f'annotation folder {folder} does not exist')
    videos = defaultdict(list)
    seen = set()
    for path in sorted(glob.glob(osp.join(folder, '*.txt'))):
        match = _FILE_NAME.match(osp.basename(path))
        if not match:
            raise AnnotationError(f'{path}: unexpected file name (expected '
                                  '<Class>_val.txt or <Class>_test.txt)')
        label = match['label']
        if label == 'Ambiguous':
            continue
        if label not in THUMOS14_CLASSES:
            raise AnnotationError(f'{path}: unknown THUMOS14 class {label!r}')
        seen.add(label)
        for number, line in enumerate(read_lines(path), 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 3:
                raise AnnotationError(
                    f'{path}:{number}: expected "video start '
                    f'end", got {line.strip()!r}')
            start, end = float(parts[1]), float(parts[2])
            if end <= start:
                raise AnnotationError(f'{path}:{number}: end {end} <= start '
                                      f'{start}')
            videos[parts[0]].append((label, start, end))
    missing = sorted(set(THUMOS14_CLASSES) - seen)
    if missing:
        raise AnnotationError(f'{folder}: no annotation file for {missing}')
    return videos


def read_video_meta(path: str) -> Dict[str, Tuple[float, float]]:
    """video → (duration s, fps) from a CSV with the columns
    ``video,duration,fps``."""
    reader = csv.DictReader(read_lines(path, 'meta file'))
    if not {'video', 'duration', 'fps'} <= set(reader.fieldnames or []):
        raise AnnotationError(f'{path}: needs the columns video,duration,fps')
    meta = {}
    for number, row in enumerate(reader, 2):
        try:
            meta[row['video']] = (float(row['duration']), float(row['fps']))
        except (TypeError, ValueError):
            raise AnnotationError(f'{path}:{number}: duration and fps must '
                                  f'be numbers, got {row}') from None
    return meta


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


def thumos14_to_activitynet(val_dir: str,
                            test_dir: str,
                            meta: Dict[str, Tuple[float, float]],
                            video_dir: Optional[str] = None) -> dict:
    """The ActivityNet-style database of the validation (``Validation``)
    and test (``Test``) annotation folders; durations and frame rates come
    from ``meta`` or, for videos missing there, from the files in
    ``video_dir``."""
    database = {}
    for subset, folder in (('Validation', val_dir), ('Test', test_dir)):
        for video, events in sorted(
                read_thumos14_annotation_dir(folder).items()):
            if video in meta:
                duration, fps = meta[video]
            elif video_dir:
                duration, fps = probe_video(video_dir, video)
            else:
                raise KeyError(f'no duration/fps for {video}: add it to '
                               '--meta or pass --video-dir')
            database[video] = dict(
                subset=subset,
                duration=round(duration, 2),
                fps=fps,
                annotations=[
                    dict(
                        label=label,
                        label_id=THUMOS14_CLASSES.index(label),
                        segment=[start, end],
                        **{'segment(frames)': [start * fps, end * fps]})
                    for label, start, end in sorted(
                        events, key=lambda e: e[1:])
                ])
    return dict(version='Thumos14-30fps', database=database)
