"""Clip features of a video from any MMAction2 / fga recognizer, in the
layout the localization datasets read: (T, C), one row per clip of
``clip_len`` frames (every ``frame_interval``-th frame) started every
``stride`` frames.

Videos are decoded in chunks and clips are embedded as soon as their last
frame has arrived, so peak memory depends on the clip geometry and batch
size, not on the length of the video.
"""
import os
import os.path as osp
from collections import deque
from typing import Deque, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import torch

__all__ = [
    'clip_starts', 'iter_video_frames', 'pool_backbone_output',
    'ClipFeatureExtractor', 'extract_feature_files'
]

VIDEO_EXTS = ('.mp4', '.mkv', '.avi', '.mov', '.webm')


def clip_starts(num_frames: int, clip_len: int, stride: int,
                interval: int) -> List[int]:
    """Starts of the clips that fit in the video (at least one: a video
    shorter than a clip gives one clip at 0 whose missing frames repeat
    the last one). With the THUMOS14 geometry (16 frames every 4) a video
    of N frames gives (N - 16) // 4 + 1 clips, as ActionFormer's I3D
    features."""
    span = (clip_len - 1) * interval + 1
    return list(range(0, max(num_frames - span, 0) + 1, stride))


def _resize_crop(frame: np.ndarray, short_side: int, crop: int,
                 size: Tuple[int, int]) -> np.ndarray:
    import cv2
    resized = cv2.resize(frame, size, interpolation=cv2.INTER_LINEAR)
    top, left = (size[1] - crop) // 2, (size[0] - crop) // 2
    return resized[top:top + crop, left:left + crop]


def iter_video_frames(path: str,
                      short_side: int = 256,
                      crop: int = 224,
                      chunk: int = 64) -> Iterator[np.ndarray]:
    """Decode ``path`` in chunks of ``chunk`` frames, each resized (short
    side) and centre-cropped: yields RGB uint8 (n, crop, crop, 3).

    Raises ``OSError`` naming the file when it cannot be decoded or holds
    no frame.
    """
    import decord
    try:
        reader = decord.VideoReader(path)
        count = len(reader)
    except Exception as err:  # decord raises its own error types
        raise OSError(f'cannot decode video {path}: {err}') from None
    if count == 0:
        raise OSError(f'video {path} has no frames')
    size = None
    for begin in range(0, count, chunk):
        try:
            frames = reader.get_batch(list(range(begin, min(
                begin + chunk, count)))).asnumpy()
        except Exception as err:
            raise OSError(f'cannot decode frames {begin}.. of {path}: '
                          f'{err}') from None
        if size is None:
            h, w = frames.shape[1:3]
            scale = short_side / min(h, w)
            size = (max(crop, int(round(w * scale))),
                    max(crop, int(round(h * scale))))
        yield np.stack([_resize_crop(f, short_side, crop, size)
                        for f in frames])


def pool_backbone_output(output) -> torch.Tensor:
    """Backbone output(s) → (N, C): mean over all but batch and channel;
    several outputs (SlowFast's pathways) are concatenated."""
    if isinstance(output, (list, tuple)):
        return torch.cat([pool_backbone_output(o) for o in output], dim=1)
    return output.flatten(2).mean(-1)


class ClipFeatureExtractor:
    """Embed clips with a recognizer's backbone, averaged over time and
    space.

    3D backbones (``NCTHW``) see each clip at once; 2D backbones (``NCHW``,
    e.g. TSN/TSM with ``num_segments`` = clip length) see its frames, whose
    features are averaged. Frames are normalised with the config's
    ``data_preprocessor`` mean/std.

    Args:
        model: a built recognizer with ``backbone``.
        format_shape: ``'NCTHW'`` or ``'NCHW'``.
        mean / std: per-channel normalisation (RGB, 0-255).
        clip_len / stride / frame_interval: the clip geometry.
        batch_size: clips per backbone call.
        device: where the backbone runs.
    """

    def __init__(self,
                 model: torch.nn.Module,
                 format_shape: str = 'NCTHW',
                 mean: Sequence[float] = (123.675, 116.28, 103.53),
                 std: Sequence[float] = (58.395, 57.12, 57.375),
                 clip_len: int = 16,
                 stride: int = 4,
                 frame_interval: int = 1,
                 batch_size: int = 8,
                 device: str = 'cpu') -> None:
        if min(clip_len, stride, frame_interval, batch_size) < 1:
            raise ValueError('clip_len, stride, frame_interval and '
                             'batch_size must be >= 1')
        self.device = torch.device(device)
        self.model = model.to(self.device).eval()
        self.format_shape = format_shape
        self.mean = torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1)
        self.std = torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1)
        self.clip_len = clip_len
        self.stride = stride
        self.frame_interval = frame_interval
        self.batch_size = batch_size

    @classmethod
    def from_config(cls,
                    config,
                    checkpoint: str,
                    device: str = 'cpu',
                    trust_checkpoint: bool = False,
                    **geometry) -> 'ClipFeatureExtractor':
        """Build the recognizer of ``config`` (a path or ``Config``) with the
        weights of ``checkpoint``, loaded strictly and safely."""
        from mmaction.registry import MODELS
        from mmengine.config import Config

        from fga.utils.safe_loading import load_checkpoint_file
        from fga.utils.setup_env import register_all_modules
        register_all_modules()
        cfg = Config.fromfile(config) if isinstance(config, str) else config
        preprocessor = cfg.model.get('data_preprocessor') or {}
        cfg.model.backbone.pop('pretrained', None)
        model = MODELS.build(cfg.model)
        state = load_checkpoint_file(checkpoint, trust_checkpoint)
        model.load_state_dict(state.get('state_dict', state))
        kwargs = dict(format_shape=preprocessor.get('format_shape', 'NCHW'))
        for key in ('mean', 'std'):
            if key in preprocessor:
                kwargs[key] = preprocessor[key]
        return cls(model, device=device, **kwargs, **geometry)

    @property
    def span(self) -> int:
        """Raw frames one clip covers."""
        return (self.clip_len - 1) * self.frame_interval + 1

    @torch.no_grad()
    def embed(self, clips: torch.Tensor) -> torch.Tensor:
        """(B, T, 3, H, W) normalised clips → (B, C) features."""
        clips = clips.to(self.device)
        if self.format_shape == 'NCTHW':
            return pool_backbone_output(
                self.model.backbone(clips.transpose(1, 2)))
        b, t = clips.shape[:2]
        frames = clips.flatten(0, 1)
        feats = pool_backbone_output(self.model.backbone(frames))
        return feats.view(b, t, -1).mean(1)

    def _normalise(self, frames: np.ndarray) -> torch.Tensor:
        x = torch.from_numpy(frames).permute(0, 3, 1, 2).float()
        return (x - self.mean) / self.std

    def extract_frames(self, chunks: Iterator[np.ndarray]) -> np.ndarray:
        """Features (T, C) float32 of a video given as chunks of frames
        (see :func:`iter_video_frames`), in one pass.

        Only the frames that clips still to come need are kept: the
        buffer holds at most ``span + stride * batch_size`` frames.
        """
        offsets = torch.arange(self.clip_len) * self.frame_interval
        buffer: Deque[torch.Tensor] = deque()
        first = 0  # raw index of buffer[0]
        next_start, seen = 0, 0
        pending: List[torch.Tensor] = []
        rows: List[torch.Tensor] = []

        def flush():
            if pending:
                rows.append(self.embed(torch.stack(pending)).float().cpu())
                pending.clear()

        for chunk in chunks:
            for frame in self._normalise(chunk):
                buffer.append(frame)
                seen += 1
            while next_start + self.span <= seen:
                index = next_start + offsets - first
                pending.append(torch.stack([buffer[i] for i in index]))
                next_start += self.stride
                if len(pending) == self.batch_size:
                    flush()
            # Frames before the next clip's start are never read again.
            while first < min(next_start, seen) and buffer:
                buffer.popleft()
                first += 1
        if seen == 0:
            raise OSError('the video holds no frames')
        if not rows and not pending:
            # Shorter than one clip: one clip at 0, repeating the last
            # frame (the buffer still holds every frame).
            index = offsets.clamp(max=seen - 1)
            pending.append(torch.stack([buffer[i] for i in index]))
        flush()
        return torch.cat(rows).numpy().astype(np.float32)

    def extract_video(self,
                      path: str,
                      short_side: int = 256,
                      crop_size: int = 224) -> np.ndarray:
        """Features (T, C) of a video file, streamed."""
        return self.extract_frames(
            iter_video_frames(path, short_side, crop_size))


def extract_feature_files(extractor: ClipFeatureExtractor,
                          video_dir: str,
                          out_dir: str,
                          short_side: int = 256,
                          crop_size: int = 224,
                          progress: bool = True) -> Tuple[int, List[str]]:
    """Write ``out_dir/<video>.npy`` (T, C) for every video in
    ``video_dir``, each atomically; existing files are kept.

    Returns:
        (number of videos, failures: one line each naming the video and
        the problem).
    """
    from mmengine.utils import ProgressBar

    from fga.utils.atomic_files import atomic_write
    if not osp.isdir(video_dir):
        raise FileNotFoundError(f'video folder {video_dir} does not exist')
    videos = sorted(f for f in os.listdir(video_dir)
                    if f.lower().endswith(VIDEO_EXTS))
    if not videos:
        raise FileNotFoundError(f'no videos ({", ".join(VIDEO_EXTS)}) in '
                                f'{video_dir}')
    failed: List[str] = []
    bar: Optional[ProgressBar] = ProgressBar(len(videos)) if progress \
        else None
    for name in videos:
        out = osp.join(out_dir, f'{osp.splitext(name)[0]}.npy')
        if not osp.exists(out):
            path = osp.join(video_dir, name)
            try:
                feats = extractor.extract_video(path, short_side, crop_size)
            except OSError as err:
                failed.append(f'{path}: {err}')
            else:
                with atomic_write(out, binary=True) as f:
                    np.save(f, feats)
        if bar is not None:
            bar.update()
    return len(videos), failed
