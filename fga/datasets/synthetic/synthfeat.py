"""SynthFeat: a THUMOS-like feature dataset for temporal action
localization, in the ActivityNet-style JSON + one ``.npy`` per video.

Features are I3D-like (one C-dim vector per 16-frame clip every 4 frames at
30 fps). Every class pair shares a prototype vector; the two classes of a
pair differ only in how a second vector is modulated over time (a period-4
sine vs a step-by-step alternation), so a class is recognisable from the
temporal pattern, not from any one feature step. Segments last from 3 to
~180 steps (0.4 s to 24 s), may overlap (the patterns add) or sit a few
steps apart, over a drifting noisy background with distractor bursts.
Generation is deterministic given the seed.
"""
import json
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from fga.utils.atomic_files import (begin_generated_directory,
                                    finish_generated_directory)

__all__ = ['SYNTHFEAT_DEFAULTS', 'synthfeat_classes', 'generate_synthfeat']

SYNTHFEAT_DEFAULTS = dict(
    videos=300, channels=32, num_classes=8, min_len=160, max_len=560,
    fps=30.0, feat_stride=4, num_frames=16,
    splits=(('train', 0.6), ('val', 0.2), ('test', 0.2)))


def synthfeat_classes(num_classes: int) -> List[str]:
    return [f'SynthAction{i:02d}' for i in range(num_classes)]


def _plan_segments(rng: np.random.Generator,
                   length: int) -> List[Tuple[int, int]]:
    """(start, end) feature steps of a video's actions."""
    segments = []
    for _ in range(int(rng.integers(1, 9))):
        duration = int(np.clip(np.exp(rng.uniform(np.log(3), np.log(180))),
                               3, length // 2))
        mode = rng.random()
        if segments and mode < 0.2:  # overlapping an earlier action
            s0, e0 = segments[int(rng.integers(len(segments)))]
            start = int(rng.integers(s0, max(s0 + 1, e0 - 1)))
        elif segments and mode < 0.4:  # right after an earlier action
            start = segments[-1][1] + int(rng.integers(1, 4))
        else:
            start = int(rng.integers(0, length - duration))
        start = min(start, length - duration)
        segments.append((start, start + duration))
    return segments


def _render(rng: np.random.Generator, length: int, channels: int,
            segments: Sequence[Tuple[int, int, int]],
            prototypes: np.ndarray, modulators: np.ndarray) -> np.ndarray:
    steps = np.arange(length)
    drift_dir = rng.normal(size=channels)
    drift = np.cumsum(rng.normal(0, 0.05, length))[:, None] * drift_dir / (
        np.linalg.norm(drift_dir) + 1e-8)
    feats = rng.normal(0, 0.3, (length, channels)) + drift
    # Distractors: bursts along random directions, not any class's.
    for _ in range(int(rng.integers(0, 4))):
        s = int(rng.integers(0, length - 4))
        e = min(length, s + int(rng.integers(3, 40)))
        direction = rng.normal(size=channels)
        feats[s:e] += 1.2 * direction / np.linalg.norm(direction)
    for start, end, label in segments:
        pair, member = divmod(label, 2)
        t = steps[start:end] - start
        if member == 0:
            pattern = np.sin(2 * np.pi * t / 4.0 + np.pi / 4)
        else:
            pattern = np.where(t % 2 == 0, 1.0, -1.0)
        strength = rng.uniform(2.0, 3.0)
        feats[start:end] += strength * (prototypes[pair] +
                                        pattern[:, None] * modulators[pair])
    return feats.astype(np.float32)


def generate_synthfeat(out_dir: str,
                       seed: int = 0,
                       videos: int = SYNTHFEAT_DEFAULTS['videos'],
                       channels: int = SYNTHFEAT_DEFAULTS['channels'],
                       num_classes: int = SYNTHFEAT_DEFAULTS['num_classes'],
                       splits: Optional[Sequence[Tuple[str, float]]] = None,
                       overwrite: bool = False) -> Dict[str, int]:
    """Write ``annotations.json``, ``classes.txt`` and ``features/<video>.npy``
    (T × channels) under ``out_dir``; atomic like SynthRally.

    Returns:
        Number of videos per subset.
    """
    if num_classes % 2:
        raise ValueError(f'num_classes must be even (classes come in '
                         f'pairs), got {num_classes}')
    cfg = SYNTHFEAT_DEFAULTS
    final_dir, out_dir = begin_generated_directory(out_dir, overwrite)
    os.makedirs(osp.join(out_dir, 'features'))
    rng = np.random.default_rng(seed)
    basis = np.linalg.qr(rng.normal(size=(channels, channels)))[0]
    prototypes = basis[:num_classes // 2]
    modulators = basis[num_classes // 2:num_classes]
    names = synthfeat_classes(num_classes)
    splits = splits or cfg['splits']
    bounds = np.cumsum([share for _, share in splits])
    sizes = np.diff(np.round(np.concatenate([[0], bounds]) * videos)).astype(
        int)
    fps, stride, frames = cfg['fps'], cfg['feat_stride'], cfg['num_frames']
    database, counts, index = {}, {}, 0
    for (subset, _), size in zip(splits, sizes):
        for _ in range(size):
            video_rng = np.random.default_rng(rng.integers(1 << 63))
            length = int(video_rng.integers(cfg['min_len'], cfg['max_len']))
            segments = [(s, e, int(video_rng.integers(num_classes)))
                        for s, e in _plan_segments(video_rng, length)]
            feats = _render(video_rng, length, channels, segments,
                            prototypes, modulators)
            video = f'synthfeat_{index:05d}'
            index += 1
            np.save(osp.join(out_dir, 'features', f'{video}.npy'), feats)
            to_seconds = lambda g: round((g * stride + frames / 2) / fps, 3)  # noqa: E731,E501
            database[video] = dict(
                subset=subset,
                duration=round(((length - 1) * stride + frames) / fps, 3),
                fps=fps,
                annotations=[
                    dict(label=names[c], label_id=c,
                         segment=[to_seconds(s), to_seconds(e)])
                    for s, e, c in sorted(segments)
                ])
        counts[subset] = int(size)
    with open(osp.join(out_dir, 'annotations.json'), 'w') as f:
        json.dump(dict(version='synthfeat-1', database=database), f)
    with open(osp.join(out_dir, 'classes.txt'), 'w') as f:
        f.write('\n'.join(names) + '\n')
    finish_generated_directory(out_dir, final_dir)
    return counts
