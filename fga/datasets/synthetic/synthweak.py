"""SynthWeak: fine-grained weakly-supervised detection features in HAAN's
annotation format.

Coarse classes own several fine classes. Every action of a fine class adds
its coarse class's prototype to all of its clips, and the fine class's own
"atomic" vector to a short part of them (2 clips at a random place), so fine
classes share most of their pattern and differ only in that short part.
Videos hold several non-overlapping actions of 3-15 clips over noise;
training sees only the video-level label sets. Clips are 16 frames at
24 fps (``sec2clip`` 1.5, as FineGym). Deterministic given the seed.
"""
import json
import os.path as osp
from typing import Dict

import numpy as np

from fga.utils.atomic_files import (begin_generated_directory,
                                    finish_generated_directory)

__all__ = ['SYNTHWEAK_DEFAULTS', 'generate_synthweak']

SYNTHWEAK_DEFAULTS = dict(videos=400, train_share=0.75, channels=64,
                          num_coarse=3, fine_per_coarse=3, min_clips=40,
                          max_clips=120, sec2clip=1.5)


def _object_array(items) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def generate_synthweak(out_dir: str,
                       seed: int = 0,
                       videos: int = SYNTHWEAK_DEFAULTS['videos'],
                       overwrite: bool = False) -> Dict[str, int]:
    """Write HAAN's five annotation files and ``features.npy`` (object
    array of (T_i, 64) float32) under ``out_dir``, atomically. The first
    ``num_training_videos`` (in ``meta.json``) are training videos.

    Returns:
        ``train`` and ``test`` video counts.
    """
    cfg = SYNTHWEAK_DEFAULTS
    final_dir, out_dir = begin_generated_directory(out_dir, overwrite)
    rng = np.random.default_rng(seed)
    num_fine = cfg['num_coarse'] * cfg['fine_per_coarse']
    basis = np.linalg.qr(rng.normal(size=(cfg['channels'],
                                          cfg['channels'])))[0]
    prototypes = basis[:cfg['num_coarse']]
    atomic = basis[cfg['num_coarse']:cfg['num_coarse'] + num_fine]
    fine_to_coarse = {f: f // cfg['fine_per_coarse'] for f in range(num_fine)}
    names, labels, segments, features = [], [], [], []
    for index in range(videos):
        video_rng = np.random.default_rng(rng.integers(1 << 63))
        length = int(video_rng.integers(cfg['min_clips'], cfg['max_clips']))
        feats = video_rng.normal(0, 0.5, (length, cfg['channels']))
        pairs, spans, cursor = [], [], int(video_rng.integers(0, 6))
        for _ in range(int(video_rng.integers(2, 6))):
            duration = int(video_rng.integers(3, 16))
            if cursor + duration > length:
                break
            fine = int(video_rng.integers(num_fine))
            coarse = fine_to_coarse[fine]
            strength = video_rng.uniform(1.5, 2.5)
            feats[cursor:cursor + duration] += strength * prototypes[coarse]
            part = cursor + int(video_rng.integers(0, duration - 1))
            feats[part:part + 2] += strength * atomic[fine]
            pairs.append([coarse, fine])
            spans.append([cursor / cfg['sec2clip'],
                          (cursor + duration) / cfg['sec2clip']])
            cursor += duration + int(video_rng.integers(2, 12))
        names.append(f'synthweak_{index:05d}')
        labels.append(pairs)
        segments.append(spans)
        features.append(feats.astype(np.float32))
    np.save(osp.join(out_dir, 'video_names.npy'), _object_array(names))
    np.save(osp.join(out_dir, 'labels.npy'), _object_array(labels))
    np.save(osp.join(out_dir, 'segments.npy'), _object_array(segments))
    np.save(osp.join(out_dir, 'sec2clip_ratios.npy'),
            np.full(videos, cfg['sec2clip']))
    np.save(osp.join(out_dir, 'features.npy'), _object_array(features))
    with open(osp.join(out_dir, 'fine_to_coarse_mappings.json'), 'w') as f:
        json.dump({str(k): v for k, v in fine_to_coarse.items()}, f)
    num_train = int(round(cfg['train_share'] * videos))
    with open(osp.join(out_dir, 'meta.json'), 'w') as f:
        json.dump(dict(num_training_videos=num_train,
                       num_fine_classes=num_fine,
                       num_coarse_classes=cfg['num_coarse'],
                       channels=cfg['channels']), f)
    finish_generated_directory(out_dir, final_dir)
    return dict(train=num_train, test=videos - num_train)
