"""Inference with a trained model, as ``mmaction.apis``: build the model of
a config with its weights (:func:`init_model`), then one function per
task.

* :func:`inference_sequence` — F3AST and spotting models on a video file or
  a frame folder: the video is tiled into the config's evaluation clips,
  whose predictions are concatenated in time order.
* :func:`inference_localization` — ActionFormer on a (T, C) feature file.
"""
import os
import os.path as osp
from typing import List, Optional, Union

import numpy as np
import torch

__all__ = [
    'init_model', 'inference_sequence', 'inference_localization',
    'video_length'
]

_DECODERS = ('PaddedRawFrameDecode', 'PaddedDecordDecode')


def init_model(config,
               checkpoint: Optional[str] = None,
               device: Union[str, torch.device] = 'cpu',
               trust_checkpoint: bool = False) -> torch.nn.Module:
    """The model of ``config`` (a path or ``Config``) in eval mode on
    ``device``, with the weights of ``checkpoint`` (safe loading; every
    weight must fit, or ``CheckpointMismatchError`` names what does not).
    The config is attached as ``model.cfg``."""
    from mmaction.registry import MODELS
    from mmengine.config import Config
    from mmengine.runner.checkpoint import load_state_dict

    from fga.engine.checkpoint_fit import require_exact_fit
    from fga.utils.safe_loading import load_checkpoint_file
    from fga.utils.setup_env import register_all_modules
    register_all_modules()
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    model = MODELS.build(cfg.model)
    if checkpoint is not None:
        state = load_checkpoint_file(checkpoint, trust_checkpoint)
        state = state.get('state_dict', state)
        state = {
            k[len('module.'):] if k.startswith('module.') else k: v
            for k, v in state.items()
        }
        require_exact_fit(model.state_dict(), state, checkpoint)
        load_state_dict(model, state, strict=True)
    model.cfg = cfg
    return model.to(device).eval()


def video_length(path: str) -> int:
    """Frames of a video file (decord) or a frame folder (``.jpg``)."""
    if osp.isdir(path):
        frames = [f for f in os.listdir(path) if f.endswith('.jpg')]
        if not frames:
            raise FileNotFoundError(f'{path} holds no .jpg frames')
        return len(frames)
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path} does not exist')
    import decord
    try:
        return len(decord.VideoReader(path))
    except Exception as err:  # decord raises its own error types
        raise OSError(f'cannot open video {path}: {err}') from None


def _sequence_pipeline(cfg, is_folder: bool):
    """The config's test pipeline with the decoder for this input."""
    from mmengine.dataset import Compose
    steps = []
    for step in cfg.test_dataloader.dataset.pipeline:
        step = dict(step)
        if step['type'] in _DECODERS:
            step = dict(type='PaddedRawFrameDecode' if is_folder else
                        'PaddedDecordDecode')
        steps.append(step)
    return Compose(steps)


@torch.no_grad()
def inference_sequence(model: torch.nn.Module,
                       video: str,
                       batch_size: int = 4) -> dict:
    """The event sequence of one video file or frame folder
    (``%06d.jpg``).

    Returns:
        ``video`` (name), ``num_frames``, ``num_clips``, ``labels`` (class
        indices in time order) and ``scores`` (each label's probability).
    """
    from mmengine.dataset import pseudo_collate

    from fga.datasets.event_sequence_dataset import evaluation_clip_starts
    data_cfg = model.cfg.test_dataloader.dataset
    is_folder = osp.isdir(video)
    num_frames = video_length(video)
    pipeline = _sequence_pipeline(model.cfg, is_folder)
    name = osp.splitext(osp.basename(osp.normpath(video)))[0]
    base = dict(video=name, num_frames=num_frames, events=[], num_clips=1,
                clip_len=data_cfg.clip_len, stride=data_cfg.stride,
                pad_len=data_cfg.pad_len, modality='RGB', start_index=0)
    base['frame_dir' if is_folder else 'filename'] = video
    starts = evaluation_clip_starts(num_frames, data_cfg.clip_len,
                                    data_cfg.stride, data_cfg.pad_len)
    labels: List[int] = []
    scores: List[float] = []
    for i in range(0, len(starts), batch_size):
        batch = pseudo_collate([
            pipeline(dict(base, clip_start=s))
            for s in starts[i:i + batch_size]
        ])
        for sample in model.test_step(batch):
            labels += sample.pred_labels.tolist()
            scores += sample.pred_scores.max(-1).values.tolist()
    return dict(video=name, num_frames=num_frames, num_clips=len(starts),
                labels=labels, scores=scores)


@torch.no_grad()
def inference_localization(model: torch.nn.Module,
                           features: str,
                           fps: float,
                           duration: Optional[float] = None) -> dict:
    """Detections of one video from its (T, C) feature file (``.npy``, or
    ``.npz`` with the config's key). Stride and clip length come from the
    config; ``duration`` defaults to the span the features cover.

    Returns:
        ``video``, ``segments`` (N, 2) seconds, ``scores`` (N,) and
        ``labels`` (N,), sorted by score.
    """
    from mmengine.dataset import Compose, pseudo_collate
    data = model.cfg.test_dataloader.dataset
    stride, frames = data.get('feat_stride', 4), data.get('num_frames', 16)
    if duration is None:
        if not features.endswith('.npy'):
            raise ValueError('the duration is needed for .npz features')
        num_steps = len(np.load(features, mmap_mode='r'))
        duration = ((num_steps - 1) * stride + frames) / fps
    video = osp.splitext(osp.basename(features))[0]
    results = Compose(list(data.pipeline))(
        dict(video_id=video, feature_path=features, fps=fps,
             duration=duration, feat_stride=stride, feat_num_frames=frames,
             gt_segments_seconds=np.zeros((0, 2)),
             gt_labels=np.zeros(0, int)))
    sample = model.test_step(pseudo_collate([results]))[0]
    pred = sample.pred_instances
    return dict(video=video, segments=pred.segments.numpy(),
                scores=pred.scores.numpy(), labels=pred.labels.numpy())
