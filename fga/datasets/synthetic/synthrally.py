"""SynthRally: rendered tennis-like rallies in the F3AST annotation format.

Two players (near: red, bottom; far: blue, top) and a yellow ball on a green
court. Every hit is an event whose label composes what the pixels show:

* side ``near``/``far``: who hits;
* hand ``fh``/``bh`` (``-`` on serves): on which side of the hitter the
  racket meets the ball (the hitter's right is the image's right for the
  near player, who faces away, and its left for the far player);
* type ``serve`` (the ball is tossed above the server first), ``return``
  (the shot after a serve) or ``stroke``;
* direction: serves land at the ``T``, body (``B``) or wide (``W``) part of
  the service box; other shots go cross-court (``CC``), down the line
  (``DL``) or down the middle (``DM``) relative to the hitter's half;
* outcome ``in``, or ``last`` for the rally's final shot, which flies out or
  into the net (its direction is then ``-``).

Rally lengths, timing, positions, colours and noise are random, so no label
follows from its position in the sequence alone. Generation is deterministic
given the seed.
"""
import json
import multiprocessing
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple

import cv2
import numpy as np

from fga.utils.atomic_files import (begin_generated_directory,
                                    finish_generated_directory)

__all__ = [
    'synthrally_classes', 'synthrally_elements', 'synthrally_element_groups',
    'generate_synthrally', 'split_sizes', 'SYNTHRALLY_DEFAULTS'
]

SYNTHRALLY_DEFAULTS = dict(
    videos=300, height=64, width=96, fps=25, max_shots=8,
    splits=(('train', 0.6), ('val', 0.2), ('test', 0.2)))

# Court geometry in pixels of a 64 x 96 frame; scaled for other sizes.
_LEFT, _RIGHT, _TOP, _BOTTOM, _NET = 12, 84, 5, 59, 32
_CENTRE = 48
_SERVE_DEPTH = 14


def synthrally_classes() -> List[str]:
    """The 40 class names in ``classes.txt`` order (after start/end)."""
    names = []
    for side in ('far', 'near'):
        names += [f'{side}_-_serve_-_last'] + [
            f'{side}_-_serve_{d}_in' for d in ('T', 'B', 'W')
        ]
        for shot in ('return', 'stroke'):
            for hand in ('bh', 'fh'):
                names += [f'{side}_{hand}_{shot}_-_last'] + [
                    f'{side}_{hand}_{shot}_{d}_in' for d in ('CC', 'DL', 'DM')
                ]
    return names


def synthrally_elements() -> List[str]:
    """The 15 elements its labels compose (``elements.txt`` order)."""
    return ['near', 'far', 'serve', 'return', 'stroke', 'fh', 'bh', 'T', 'B',
            'W', 'CC', 'DL', 'DM', 'in', 'last']


def synthrally_element_groups() -> dict:
    """The element groups (``element_groups.json``, see
    :mod:`fga.annotations.f3set`): no hand on serves, no direction on a
    rally's last shot."""
    return dict(
        separator='_',
        ignore=['-'],
        groups=[
            dict(name='side', elements=['near', 'far']),
            dict(name='shot', elements=['serve', 'return', 'stroke']),
            dict(name='outcome', elements=['in', 'last']),
            dict(name='hand', elements=['fh', 'bh'], unless=['serve']),
            dict(name='direction',
                 elements=['T', 'B', 'W', 'CC', 'DL', 'DM'],
                 unless=['last']),
        ],
        flags=[],
        side_element='near')


class _Rally:
    """Plans one rally: shots, event frames and every object's track."""

    def __init__(self, rng: np.random.Generator, max_shots: int) -> None:
        self.rng = rng
        self.num_shots = int(rng.integers(1, max_shots + 1))
        self.server = 'near' if rng.random() < 0.5 else 'far'
        self.lead_in = int(rng.integers(4, 12))
        self.toss = int(rng.integers(5, 8))
        self.tail = int(rng.integers(6, 12))

    @staticmethod
    def _y(side: str) -> float:
        return _BOTTOM - 4 if side == 'near' else _TOP + 4

    def plan(self) -> Tuple[List[dict], int]:
        rng = self.rng
        shots = []
        side = self.server
        half = 1 if rng.random() < 0.5 else -1  # +1: right half (image)
        x = _CENTRE + half * rng.uniform(6, 30)
        frame = self.lead_in + self.toss
        for i in range(self.num_shots):
            last = i == self.num_shots - 1
            kind = 'serve' if i == 0 else ('return' if i == 1 else 'stroke')
            other = 'far' if side == 'near' else 'near'
            if kind == 'serve':
                hand = '-'
                direction = rng.choice(['T', 'B', 'W'])
                # Serves go diagonally into the opposite service box.
                box = -np.sign(x - _CENTRE)
                offset = {'T': 4, 'B': 18, 'W': 32}[direction]
                land_x = _CENTRE + box * offset + rng.uniform(-2, 2)
                land_y = (_NET + _SERVE_DEPTH * 0.6 if other == 'near' else
                          _NET - _SERVE_DEPTH * 0.6)
            else:
                hand = rng.choice(['fh', 'bh'])
                direction = rng.choice(['CC', 'DL', 'DM'])
                hitter_half = np.sign(x - _CENTRE) or 1
                land_x = {
                    'CC': _CENTRE - hitter_half * rng.uniform(16, 30),
                    'DL': _CENTRE + hitter_half * rng.uniform(16, 30),
                    'DM': _CENTRE + rng.uniform(-5, 5)
                }[direction]
                land_y = (_BOTTOM - rng.uniform(6, 16) if other == 'near' else
                          _TOP + rng.uniform(6, 16))
            if last:
                direction = '-'
                if rng.random() < 0.5:  # into the net
                    land_x, land_y = x + rng.uniform(-10, 10), _NET
                else:  # out, past the baseline or a sideline
                    land_y = (_BOTTOM + 3 if other == 'near' else _TOP - 3)
                    if rng.random() < 0.5:
                        land_x = (_LEFT - 4 if rng.random() < 0.5 else
                                  _RIGHT + 4)
            # The racket meets the ball on the hitter's hand side; the near
            # player faces away from the camera, the far one towards it.
            facing = 1 if side == 'near' else -1
            racket = {'fh': 1, 'bh': -1, '-': 0}[hand] * facing
            outcome = 'last' if last else 'in'
            shots.append(
                dict(frame=frame, side=side, x=x, racket=racket,
                     land=(land_x, land_y), kind=kind,
                     label=f'{side}_{hand}_{kind}_{direction}_{outcome}'))
            flight = int(rng.integers(9, 15))
            frame += flight
            # The next hitter reaches the ball where it arrives.
            side = other
            x = float(np.clip(land_x + rng.uniform(-6, 6), _LEFT + 4,
                              _RIGHT - 4))
            if abs(x - _CENTRE) < 5:
                x = _CENTRE + (5 if rng.random() < 0.5 else -5)
        num_frames = shots[-1]['frame'] + self.tail
        return shots, num_frames


def _tracks(shots: List[dict], num_frames: int, lead_in: int,
            rng: np.random.Generator) -> Dict[str, np.ndarray]:
    """Per-frame positions of both players and the ball, racket flags."""
    pos = {'near': np.zeros((num_frames, 2)), 'far': np.zeros((num_frames, 2))}
    ball = np.full((num_frames, 2), np.nan)
    bounce_mark = np.full((num_frames, 2), np.nan)
    racket = np.zeros((num_frames, 2))  # (side index, direction)
    keys = {'near': [], 'far': []}
    for s in shots:
        keys[s['side']].append((s['frame'], s['x'] - 3 * s['racket']))
    for side in ('near', 'far'):
        y = _Rally._y(side)
        if not keys[side]:
            keys[side].append((0, _CENTRE + rng.uniform(-20, 20)))
        frames, xs = zip(*keys[side])
        pos[side][:, 0] = np.interp(np.arange(num_frames), frames, xs)
        pos[side][:, 1] = y
    first = shots[0]
    server_y = _Rally._y(first['side'])
    toss_start = lead_in
    for f in range(toss_start, first['frame']):
        t = (f - toss_start) / max(1, first['frame'] - toss_start)
        height = 6 * np.sin(np.pi * t)
        ball[f] = (first['x'], server_y - 3 - height)
    for i, s in enumerate(shots):
        start = s['frame']
        contact = np.array([s['x'], _Rally._y(s['side'])])
        land = np.array(s['land'])
        if i + 1 < len(shots):
            end = shots[i + 1]['frame']
            target = np.array([shots[i + 1]['x'],
                               _Rally._y(shots[i + 1]['side'])])
        else:
            end = num_frames
            target = land + (land - contact) * 0.3
        bounce = start + int(0.65 * (end - start))
        # A bounce leaves a short-lived mark where the ball lands.
        bounce_mark[bounce:min(end, bounce + 4)] = land
        for f in range(start, end):
            if f <= bounce:
                t = (f - start) / max(1, bounce - start)
                ball[f] = contact + t * (land - contact)
            else:
                t = (f - bounce) / max(1, end - bounce)
                ball[f] = land + t * (target - land)
        # The swing is visible for 7 frames around the hit, so every
        # sampling stride up to 3 sees it.
        for f in range(max(0, start - 3), min(num_frames, start + 4)):
            racket[f] = (1 if s['side'] == 'near' else 2, s['racket'])
    return dict(near=pos['near'], far=pos['far'], ball=ball, racket=racket,
                bounce_mark=bounce_mark)


def _render(tracks: Dict[str, np.ndarray], num_frames: int, height: int,
            width: int, rng: np.random.Generator) -> List[np.ndarray]:
    sx, sy = width / 96.0, height / 64.0
    court = np.array(rng.uniform([30, 110, 30], [70, 160, 70]), np.uint8)
    base = np.empty((height, width, 3), np.uint8)
    base[:] = court
    line = (235, 235, 235)

    def p(x, y):
        return int(round(x * sx)), int(round(y * sy))

    cv2.rectangle(base, p(_LEFT, _TOP), p(_RIGHT, _BOTTOM), line, 1)
    cv2.line(base, p(_LEFT, _NET), p(_RIGHT, _NET), (40, 40, 40), 2)
    for y in (_NET - _SERVE_DEPTH, _NET + _SERVE_DEPTH):
        cv2.line(base, p(_LEFT, y), p(_RIGHT, y), line, 1)
    cv2.line(base, p(_CENTRE, _NET - _SERVE_DEPTH),
             p(_CENTRE, _NET + _SERVE_DEPTH), line, 1)
    colours = {'near': (220, 40, 40), 'far': (40, 60, 220)}
    noise_level = rng.uniform(3, 10)
    frames = []
    for f in range(num_frames):
        img = base.copy()
        for k, side in enumerate(('near', 'far'), 1):
            x, y = tracks[side][f]
            cv2.rectangle(img, p(x - 2, y - 4), p(x + 2, y + 4),
                          colours[side], -1)
            flag, direction = tracks['racket'][f]
            if flag == k and direction != 0:
                cv2.line(img, p(x + 2 * direction, y - 1),
                         p(x + 8 * direction, y - 4), (20, 20, 20),
                         max(1, int(round(2 * sx))))
        if not np.isnan(tracks['bounce_mark'][f, 0]):
            cv2.circle(img, p(*tracks['bounce_mark'][f]),
                       max(1, int(round(2 * sx))), (255, 255, 255), 1)
        if not np.isnan(tracks['ball'][f, 0]):
            bx, by = tracks['ball'][f]
            cv2.circle(img, p(bx, by), max(1, int(round(2 * sx))),
                       (250, 240, 30), -1)
        noise = rng.normal(0, noise_level, img.shape)
        frames.append(np.clip(img + noise, 0, 255).astype(np.uint8))
    return frames


def _write_frames(frames: Sequence[np.ndarray], folder: str) -> None:
    os.makedirs(folder, exist_ok=True)
    for i, frame in enumerate(frames):
        cv2.imwrite(
            osp.join(folder, f'{i:06d}.jpg'),
            cv2.cvtColor(frame, cv2.COLOR_RGB2BGR),
            [cv2.IMWRITE_JPEG_QUALITY, 90])


def _render_video(job: Tuple[int, str, str, int, int, int, int]) -> dict:
    """Plan, render and write one rally; returns its annotation record."""
    seed, video, frames_dir, height, width, max_shots, fps = job
    video_rng = np.random.default_rng(seed)
    rally = _Rally(video_rng, max_shots)
    shots, num_frames = rally.plan()
    tracks = _tracks(shots, num_frames, rally.lead_in, video_rng)
    frames = _render(tracks, num_frames, height, width, video_rng)
    _write_frames(frames, osp.join(frames_dir, video))
    return dict(video=video, num_frames=num_frames, fps=fps, width=width,
                height=height, num_events=len(shots),
                events=[dict(frame=s['frame'], label=s['label'])
                        for s in shots])


def split_sizes(videos: int, splits: Sequence[Tuple[str, float]],
                held_out: Optional[int] = None) -> List[int]:
    """Videos per split: ``splits``' shares of ``videos``, or, with
    ``held_out``, that many in every split but the first, which gets the
    rest."""
    if held_out is None:
        bounds = np.cumsum([share for _, share in splits])
        return np.diff(np.round(np.concatenate([[0], bounds]) *
                                videos)).astype(int).tolist()
    rest = videos - held_out * (len(splits) - 1)
    if held_out < 0 or rest < 0:
        raise ValueError(f'{held_out} held-out videos per split leave '
                         f'{rest} of {videos} for {splits[0][0]}')
    return [rest] + [held_out] * (len(splits) - 1)


def generate_synthrally(out_dir: str,
                        seed: int = 0,
                        videos: int = SYNTHRALLY_DEFAULTS['videos'],
                        height: int = SYNTHRALLY_DEFAULTS['height'],
                        width: int = SYNTHRALLY_DEFAULTS['width'],
                        max_shots: int = SYNTHRALLY_DEFAULTS['max_shots'],
                        fps: int = SYNTHRALLY_DEFAULTS['fps'],
                        splits: Optional[Sequence[Tuple[str, float]]] = None,
                        held_out: Optional[int] = None,
                        workers: int = 1,
                        overwrite: bool = False) -> Dict[str, int]:
    """Write ``classes.txt``, ``{train,val,test}.json`` and
    ``frames/<video>/%06d.jpg`` under ``out_dir``, with the F3Set view of
    the same labels: ``elements.txt``, ``events.txt`` and
    ``element_groups.json`` (F3ED trains on them).

    The data are written to a temporary sibling folder that replaces
    ``out_dir`` only when complete, so an interrupted run leaves nothing
    half-written behind. Every video has its own seed drawn from ``seed``
    in order, so the output does not depend on ``workers`` (processes
    rendering in parallel).

    Args:
        held_out: videos in each of val and test (the rest train); by
            default the splits' shares (60/20/20).

    Returns:
        Number of videos per split.
    """
    splits = splits or SYNTHRALLY_DEFAULTS['splits']
    sizes = split_sizes(videos, splits, held_out)
    if workers < 1:
        raise ValueError(f'workers must be >= 1, got {workers}')
    final_dir, out_dir = begin_generated_directory(out_dir, overwrite)
    rng = np.random.default_rng(seed)
    with open(osp.join(out_dir, 'classes.txt'), 'w') as f:
        f.write('\n'.join(['start', 'end'] + synthrally_classes()) + '\n')
    with open(osp.join(out_dir, 'elements.txt'), 'w') as f:
        f.write('\n'.join(synthrally_elements()) + '\n')
    with open(osp.join(out_dir, 'events.txt'), 'w') as f:
        f.write('\n'.join(synthrally_classes()) + '\n')
    with open(osp.join(out_dir, 'element_groups.json'), 'w') as f:
        json.dump(synthrally_element_groups(), f, indent=1)
    frames_dir = osp.join(out_dir, 'frames')
    jobs = [(int(rng.integers(1 << 63)), f'rally_{index:05d}', frames_dir,
             height, width, max_shots, fps) for index in range(sum(sizes))]
    if workers == 1:
        records = [_render_video(job) for job in jobs]
    else:
        # fork: the workers need nothing but this module, already loaded.
        with multiprocessing.get_context('fork').Pool(workers) as pool:
            records = pool.map(_render_video, jobs, chunksize=8)
    counts = {}
    begin = 0
    for (split, _), size in zip(splits, sizes):
        with open(osp.join(out_dir, f'{split}.json'), 'w') as f:
            json.dump(records[begin:begin + size], f, indent=1)
        counts[split] = size
        begin += size
    finish_generated_directory(out_dir, final_dir)
    return counts
