"""Move4MNIST-like videos: a digit moving left, right, up or down over a
textured, moving background (the toy set of "No frame left behind").

32 grayscale frames of 64 × 64 per video (stored as JPEG), written as
``jpg/{train,test}/<class>_<i>/<k>.jpg`` (0-based) with the original list
files ``file_list/movingmnist_rgb_{train,val}_split_1.txt`` (``path
num_frames label``, labels 0 left, 1 right, 2 up, 3 down) and
``labels/classInd.txt``. As in the original, the digit changes identity
during the video and a few frames are blank, so single frames say little
about the class; the motion does. Digits are drawn with OpenCV's Hershey
fonts (no MNIST download). Deterministic given the seed.
"""
import os
import os.path as osp
from typing import Dict

import cv2
import numpy as np

from fga.utils.atomic_files import (begin_generated_directory,
                                    finish_generated_directory)

__all__ = ['MOVE4MNIST_CLASSES', 'MOVE4MNIST_DEFAULTS', 'generate_move4mnist']

MOVE4MNIST_CLASSES = ('left', 'right', 'up', 'down')
MOVE4MNIST_DEFAULTS = dict(
    train_per_class=450,
    val_per_class=150,
    frames=32,
    size=64,
    visible_frames=0)
_DIRECTIONS = {'left': (-1, 0), 'right': (1, 0), 'up': (0, -1), 'down': (0, 1)}
_FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX,
          cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX)


def _texture(rng: np.random.Generator, size: int) -> np.ndarray:
    """A smooth random texture twice the frame size (to pan over)."""
    coarse = rng.uniform(0, 120, (size // 8, size // 8)).astype(np.float32)
    texture = cv2.resize(
        coarse, (2 * size, 2 * size), interpolation=cv2.INTER_CUBIC)
    return np.clip(texture + rng.normal(0, 6, texture.shape), 0, 140)


def _video(rng: np.random.Generator,
           direction: str,
           frames: int,
           size: int,
           visible_frames: int = 0) -> np.ndarray:
    texture = _texture(rng, size)
    pan = rng.uniform(-1.0, 1.0, 2)
    dx, dy = _DIRECTIONS[direction]
    speed = rng.uniform(2.0, 3.0) if visible_frames else rng.uniform(1.0, 2.0)
    scale = rng.uniform(0.9, 1.3)
    font = _FONTS[int(rng.integers(len(_FONTS)))]
    first, visible = 0, range(frames)
    if visible_frames:
        # The digit crosses the frame in a short burst; the rest of the
        # video shows only the background.
        first = int(rng.integers(0, frames - visible_frames + 1))
        visible = range(first, first + visible_frames)
    travel = speed * (len(visible) - 1)
    # Start so that the whole path stays mostly inside the frame.
    x0 = size / 2 - dx * travel / 2 + rng.uniform(-6, 6)
    y0 = size / 2 - dy * travel / 2 + rng.uniform(-6, 6)
    digits = [str(d) for d in rng.integers(0, 10, 2)]
    change = int(rng.integers(frames // 4, 3 * frames // 4))
    blank_start = int(rng.integers(0, frames - 5))
    blanks = set(range(blank_start, blank_start + int(rng.integers(0, 6))))
    if visible_frames:
        blanks -= set(visible)
    out = np.empty((frames, size, size), np.uint8)
    for k in range(frames):
        if k in blanks:
            out[k] = 0
            continue
        ox = int(np.clip(size / 2 + pan[0] * k, 0, size))
        oy = int(np.clip(size / 2 + pan[1] * k, 0, size))
        frame = texture[oy:oy + size, ox:ox + size].astype(np.uint8)
        if k in visible:
            digit = digits[0] if k < change else digits[1]
            (w, h), _ = cv2.getTextSize(digit, font, scale, 2)
            x = int(round(x0 + dx * speed * (k - first) - w / 2))
            y = int(round(y0 + dy * speed * (k - first) + h / 2))
            cv2.putText(frame, digit, (x, y), font, scale, 255, 2, cv2.LINE_AA)
        out[k] = frame
    return out


def generate_move4mnist(
        out_dir: str,
        seed: int = 0,
        train_per_class: int = MOVE4MNIST_DEFAULTS['train_per_class'],
        val_per_class: int = MOVE4MNIST_DEFAULTS['val_per_class'],
        visible_frames: int = 0,
        overwrite: bool = False) -> Dict[str, int]:
    """Write the videos and list files under ``out_dir`` (atomically).

    ``visible_frames`` > 0 makes the set harder: the digit is drawn only
    in that many consecutive frames (at 2–3 px per frame), so a uniform
    sample of a few frames often misses the motion.

    Returns:
        videos per split.
    """
    cfg = MOVE4MNIST_DEFAULTS
    final_dir, out_dir = begin_generated_directory(out_dir, overwrite)
    os.makedirs(osp.join(out_dir, 'file_list'))
    os.makedirs(osp.join(out_dir, 'labels'))
    with open(osp.join(out_dir, 'labels', 'classInd.txt'), 'w') as f:
        f.write(''.join(f'{i + 1} {name}\n'
                        for i, name in enumerate(MOVE4MNIST_CLASSES)))
    rng = np.random.default_rng(seed)
    counts = {}
    for split, folder, per_class in (('train', 'train', train_per_class),
                                     ('val', 'test', val_per_class)):
        lines = []
        for label, name in enumerate(MOVE4MNIST_CLASSES):
            for i in range(per_class):
                video_rng = np.random.default_rng(rng.integers(1 << 63))
                frames = _video(video_rng, name, cfg['frames'], cfg['size'],
                                visible_frames)
                rel = osp.join('jpg', folder, f'{name}_{i}')
                os.makedirs(osp.join(out_dir, rel))
                for k, frame in enumerate(frames):
                    cv2.imwrite(
                        osp.join(out_dir, rel, f'{k}.jpg'), frame,
                        [cv2.IMWRITE_JPEG_QUALITY, 90])
                lines.append(f'{rel} {cfg["frames"]} {label}\n')
        with open(
                osp.join(out_dir, 'file_list',
                         f'movingmnist_rgb_{split}_split_1.txt'), 'w') as f:
            f.writelines(lines)
        counts[split] = len(lines)
    finish_generated_directory(out_dir, final_dir)
    return counts
