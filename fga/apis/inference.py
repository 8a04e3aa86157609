"""Inference with a trained model, as ``mmaction.apis``: build the model of
a config with its weights (:func:`init_model`), then :func:`inference`
on a video file, a frame folder or a feature file, whatever the task.

The result is one JSON-ready dict per video, with the field names of
``tools/test.py --dump``:

* every task: ``video`` (name), ``task``, ``num_frames`` / ``fps`` where
  known;
* sequence models (F3AST, spotting): ``labels`` (class names in order) and
  ``scores`` (one probability row over the classes per label) — a
  ``--dump`` record; spotting models add ``events``: ``[{frame, time,
  label, score}]`` (``time`` in seconds when the frame rate is known);
* F3ED: ``events``: ``[{frame, time, label, elements, score}]`` in time
  order (``elements``: the event's element names, ``label`` their event's
  name; ``time`` in seconds when the frame rate is known) — a ``--dump``
  record;
* localizers (ActionFormer, HAAN): ``segments``: ``[{segment: [start_s,
  end_s], label, score}]``, sorted by score — a ``--dump`` results entry;
* recognizers: ``label`` (top-1), ``score`` and ``top5``: ``[{label,
  score}]``.

Localizers read features; given a video they first extract them with the
recognizer that the config names in ``feature_extractor`` (``config``,
``checkpoint``, ``clip_len``, ``stride``, ``frame_interval``,
``short_side``, ``crop_size``: the geometry the training features were
made with), streaming the video clip by clip.
"""
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import torch

__all__ = [
    'TASKS', 'init_model', 'model_task', 'class_names', 'video_length',
    'inference', 'inference_sequence', 'inference_f3ed',
    'inference_localization', 'inference_recognition'
]

TASKS = ('sequence', 'spotting', 'f3ed', 'localization', 'weak_localization',
         'recognition')
VIDEO_EXTS = ('.mp4', '.mkv', '.avi', '.mov', '.webm')
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


def model_task(model: torch.nn.Module) -> str:
    """One of :data:`TASKS`, from the model's (and its head's) type."""
    name = type(model).__name__
    head = type(getattr(model, 'head', None)).__name__
    if name == 'ActionFormer':
        return 'localization'
    if name == 'HAAN':
        return 'weak_localization'
    if name == 'F3ED' or head == 'F3EDHead':
        return 'f3ed'
    if hasattr(model, 'head') and hasattr(model, 'neck') and name in (
            'F3AST', 'FramewiseRecognizer'):
        return 'spotting' if head == 'FramewiseSpottingHead' else 'sequence'
    if hasattr(model, 'cls_head'):
        return 'recognition'
    raise ValueError(f'no inference for a {name} model')


def class_names(cfg, num_classes: int,
                classes_file: Optional[str] = None) -> List[str]:
    """Class names for the outputs: ``classes_file`` (one per line), else
    the config's dataset (F3AST ``classes_file``, a localization
    ``classes`` list or file, ``metainfo.classes``, HAAN's ``fine_<id>``),
    else ``class_<i>``."""
    from fga.annotations import load_classes, read_lines
    if classes_file is not None:
        names = [n.strip() for n in read_lines(classes_file, 'class list')]
        return [n for n in names if n]
    data = cfg.test_dataloader.dataset
    if data.get('classes_file'):
        path = data.classes_file
        if data.get('data_root') and not osp.isabs(path):
            path = osp.join(data.data_root, path)
        if osp.exists(path) or osp.exists(path + '.gz'):
            return load_classes(path)
    classes = data.get('classes') or (data.get('metainfo') or {}).get(
        'classes')
    if isinstance(classes, str) and osp.exists(classes):
        return [n.strip() for n in read_lines(classes) if n.strip()]
    if isinstance(classes, (list, tuple)):
        return list(classes)
    if data.get('type') == 'HAANFeatureDataset':
        return [f'fine_{i}' for i in range(num_classes)]
    return [f'class_{i}' for i in range(num_classes)]


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


def _video_fps(path: str) -> Optional[float]:
    if osp.isdir(path):
        return None
    import decord
    try:
        return float(decord.VideoReader(path).get_avg_fps())
    except Exception:  # a frame rate is a convenience here
        return None


def _name(path: str) -> str:
    return osp.splitext(osp.basename(osp.normpath(path)))[0]


def _pipeline(steps: Sequence[dict], replace: Dict[str, List[dict]]):
    from mmengine.dataset import Compose
    out = []
    for step in steps:
        out += replace.get(step['type'], [dict(step)])
    return Compose(out)


@torch.no_grad()
def _clip_predictions(model, video: str, batch_size: int,
                      **fields) -> Tuple[int, list]:
    """The number of frames of ``video`` (a file or a frame folder) and
    the model's predicted samples for each of the config's evaluation
    clips, in time order; ``fields`` join every clip's input."""
    from mmengine.dataset import pseudo_collate

    from fga.datasets.event_sequence_dataset import evaluation_clip_starts
    data_cfg = model.cfg.test_dataloader.dataset
    is_folder = osp.isdir(video)
    num_frames = video_length(video)
    decoder = [dict(type='PaddedRawFrameDecode' if is_folder else
                    'PaddedDecordDecode')]
    pipeline = _pipeline(data_cfg.pipeline,
                         {name: decoder for name in _DECODERS})
    base = dict(video=_name(video), num_frames=num_frames, events=[],
                num_clips=1, clip_len=data_cfg.clip_len,
                stride=data_cfg.stride, pad_len=data_cfg.pad_len,
                modality='RGB', start_index=0, **fields)
    base['frame_dir' if is_folder else 'filename'] = video
    starts = evaluation_clip_starts(num_frames, data_cfg.clip_len,
                                    data_cfg.stride, data_cfg.pad_len)
    outputs = []
    for i in range(0, len(starts), batch_size):
        batch = pseudo_collate([
            pipeline(dict(base, clip_start=s))
            for s in starts[i:i + batch_size]
        ])
        outputs += model.test_step(batch)
    return num_frames, outputs


def inference_sequence(model: torch.nn.Module,
                       video: str,
                       classes: Sequence[str],
                       batch_size: int = 4) -> dict:
    """The event sequence of one video file or frame folder
    (``%06d.jpg``), tiled into the config's evaluation clips whose
    predictions are concatenated in time order."""
    num_frames, outputs = _clip_predictions(model, video, batch_size)
    fps = _video_fps(video)
    labels, scores, events = [], [], []
    for sample in outputs:
        labels += sample.pred_labels.tolist()
        scores += sample.pred_scores.float().cpu().tolist()
        if 'pred_event_frames' in sample:
            events += [
                dict(frame=int(f), label=classes[int(c)],
                     score=round(float(p), 4),
                     **({} if fps is None else dict(
                         time=round(float(f) / fps, 3))))
                for f, c, p in zip(sample.pred_event_frames,
                                   sample.pred_event_labels,
                                   sample.pred_event_scores)
                if 0 <= int(f) < num_frames
            ]
    result = dict(video=_name(video), task=model_task(model),
                  num_frames=num_frames, labels=[classes[i] for i in labels],
                  scores=[[round(p, 6) for p in row] for row in scores])
    if fps is not None:
        result['fps'] = fps
    if result['task'] == 'spotting':
        result['events'] = sorted(events, key=lambda e: e['frame'])
    return result


def f3set_files(data_cfg):
    """(element groups, event vocabulary) of an ``F3SetDataset`` config."""
    from fga.annotations import (load_element_groups, load_elements,
                                 load_event_vocabulary)

    def path(key: str, default: str) -> str:
        name = data_cfg.get(key, default)
        root = data_cfg.get('data_root')
        return osp.join(root, name) if root and not osp.isabs(name) else name

    elements = load_elements(path('elements_file', 'elements.txt'))
    groups = load_element_groups(
        path('groups_file', 'element_groups.json'), elements)
    return groups, load_event_vocabulary(
        path('events_file', 'events.txt'), groups)


@torch.no_grad()
def inference_f3ed(model: torch.nn.Module,
                   video: str,
                   batch_size: int = 4) -> dict:
    """The timestamped events of one video file or frame folder: the
    config's evaluation clips, their probabilities placed on the video's
    sampled grid and decoded as ``F3EDMetric`` decodes them (the element
    groups and events come from the config's dataset files)."""
    from fga.annotations import decode_elements
    from fga.evaluation.metrics.f3ed_metric import average_clip_scores
    from fga.models.utils import decode_f3ed_events
    data_cfg = model.cfg.test_dataloader.dataset
    groups, vocabulary = f3set_files(data_cfg)
    stride = data_cfg.stride
    num_frames, outputs = _clip_predictions(
        model, video, batch_size,
        event_elements=np.zeros((0, groups.num_elements), np.uint8),
        hands=np.zeros(2, np.int64))
    clips = [
        dict(clip_start_index=int(sample.clip_start_index),
             event_probs=sample.pred_event_probs.numpy(),
             element_probs=sample.pred_element_probs.numpy())
        for sample in outputs
    ]
    event_probs, element_probs = average_clip_scores(clips,
                                                     num_frames // stride)
    flags, elements = decode_f3ed_events(
        event_probs, element_probs, [(m, u) for _, m, u in groups.groups],
        groups.flags, getattr(model.head, 'nms_window', 5))
    fps = _video_fps(video)
    events = []
    for b in np.flatnonzero(flags):
        event = dict(frame=int(b) * stride,
                     label=vocabulary.label_of(elements[b], groups),
                     elements=decode_elements(elements[b], groups),
                     score=round(float(event_probs[b, 1]), 4))
        if fps is not None:
            event['time'] = round(int(b) * stride / fps, 3)
        events.append(event)
    result = dict(video=_name(video), task='f3ed', num_frames=num_frames,
                  stride=stride, events=events)
    if fps is not None:
        result['fps'] = fps
    return result


def _extract_features(model, video: str) -> tuple:
    """(features (T, C), clips per second) of a video with the config's
    ``feature_extractor``."""
    from fga.apis.feature_extraction import ClipFeatureExtractor
    spec = model.cfg.get('feature_extractor')
    if spec is None:
        raise ValueError(
            'this localizer reads features; to run it on a video, name the '
            'recognizer its features came from in the config: '
            'feature_extractor = dict(config=..., checkpoint=..., '
            'clip_len=..., stride=...), or pass a feature .npy file')
    spec = dict(spec)
    geometry = {k: spec.pop(k) for k in ('clip_len', 'stride',
                                         'frame_interval', 'batch_size')
                if k in spec}
    frames = dict(short_side=spec.pop('short_side', 256),
                  crop_size=spec.pop('crop_size', 224))
    device = next(model.parameters()).device
    extractor = ClipFeatureExtractor.from_config(
        spec.pop('config'), spec.pop('checkpoint'), str(device),
        spec.pop('trust_checkpoint', False), **geometry)
    if spec:
        raise ValueError(f'unknown feature_extractor keys {sorted(spec)}')
    return extractor.extract_video(video, **frames), extractor.stride


@torch.no_grad()
def inference_localization(model: torch.nn.Module,
                           source: str,
                           classes: Sequence[str],
                           fps: Optional[float] = None,
                           duration: Optional[float] = None,
                           keep_cas: bool = False) -> dict:
    """Detections of one video, from its (T, C) feature file (``.npy``, or
    ``.npz`` with the config's key) or from the video itself (see the
    module doc). ``fps`` is the frame rate the features were computed at
    (from the video when one is given); ``duration`` defaults to the span
    the features cover. With ``keep_cas`` (HAAN) the class activation
    sequence is returned too, as ``cas`` (T, C) with ``sec2clip`` (not
    JSON: for pictures)."""
    from mmengine.dataset import pseudo_collate
    data = model.cfg.test_dataloader.dataset
    task = model_task(model)
    is_video = osp.isdir(source) or source.lower().endswith(VIDEO_EXTS)
    if is_video:
        feats, stride = _extract_features(model, source)
        fps = fps or _video_fps(source)
    else:
        from fga.annotations import load_npy
        feats, stride = load_npy(source, 'feature file'), None
    if fps is None:
        raise ValueError(f'{source}: the frame rate is needed (--fps)')
    if task == 'weak_localization':
        stride = stride or data.get('feat_stride', 16)
        sec2clip = fps / stride
        results = dict(video_id=_name(source), video_index=-1,
                       sec2clip=sec2clip, feature=feats,
                       gt_segments_seconds=np.zeros((0, 2)),
                       gt_labels=np.zeros(0, int))
    else:
        stride = stride or data.get('feat_stride', 4)
        frames = data.get('num_frames', 16)
        if duration is None:
            duration = ((len(feats) - 1) * stride + frames) / fps
        results = dict(video_id=_name(source), feature=feats, fps=fps,
                       duration=duration, feat_stride=stride,
                       feat_num_frames=frames,
                       gt_segments_seconds=np.zeros((0, 2)),
                       gt_labels=np.zeros(0, int))
    pipeline = _pipeline(data.pipeline, {})
    sample = model.test_step(pseudo_collate([pipeline(results)]))[0]
    pred = sample.pred_instances
    segments = [
        dict(segment=[round(float(s), 3), round(float(e), 3)],
             label=classes[int(c)], score=round(float(p), 6))
        for (s, e), p, c in zip(pred.segments, pred.scores, pred.labels)
    ]
    result = dict(video=_name(source), task=task, fps=fps,
                  segments=segments)
    if keep_cas and 'pred_cas' in sample:
        result['cas'] = sample.pred_cas.numpy()
        result['sec2clip'] = float(sample.metainfo['sec2clip'])
    return result


@torch.no_grad()
def inference_recognition(model: torch.nn.Module,
                          video: str,
                          classes: Sequence[str],
                          keep_frames: bool = False) -> dict:
    """The label of one video file or frame folder, with the config's test
    pipeline (its frame sampler, decoding and views). With ``keep_frames``
    the sampled frames are returned too, as ``frames`` (T, H, W, 3) uint8,
    with ``class_scores`` (C,) and, for full-video recognizers, the
    cluster of each frame as ``clusters`` (T,) (not JSON: for pictures)."""
    from mmengine.dataset import pseudo_collate
    data = model.cfg.test_dataloader.dataset
    num_frames = video_length(video)
    if osp.isdir(video):
        results = dict(frame_dir=video, total_frames=num_frames,
                       filename_tmpl=data.get('filename_tmpl',
                                              '{:05d}.jpg'),
                       start_index=data.get('start_index', 1), label=-1,
                       modality='RGB')
        replace = {}
    else:
        results = dict(filename=video, label=-1, start_index=0,
                       modality='RGB')
        replace = dict(RawFrameDecode=[dict(type='DecordDecode')])
        steps = [dict(type='DecordInit')] + list(data.pipeline)
        data = dict(pipeline=steps)
    pipeline = _pipeline(data['pipeline'], replace)
    packed = pipeline(dict(results))
    sample = model.test_step(pseudo_collate([packed]))[0]
    scores = sample.pred_score.float().cpu()
    top = torch.argsort(scores, descending=True)[:5].tolist()
    result = dict(video=_name(video), task='recognition',
                  num_frames=num_frames, label=classes[top[0]],
                  score=round(float(scores[top[0]]), 6),
                  top5=[dict(label=classes[c], score=round(float(scores[c]),
                                                           6)) for c in top])
    if keep_frames:
        from fga.visualization import input_frames
        result['class_scores'] = scores.numpy()
        if hasattr(model, 'frame_clusters'):
            # Every frame of the video, grouped as training groups them.
            every_frame = dict(SampleFrames=[dict(
                type='SampleFrames', clip_len=num_frames, frame_interval=1,
                num_clips=1, test_mode=True)], **replace)
            packed = _pipeline(data['pipeline'], every_frame)(dict(results))
            packed['inputs'] = packed['inputs'][:num_frames]  # first view
            result['clusters'] = model.frame_clusters(
                packed['inputs']).cpu().numpy()
        result['frames'] = input_frames(packed['inputs'])
    return result


def inference(model: torch.nn.Module,
              source: str,
              classes: Optional[Sequence[str]] = None,
              **kwargs) -> dict:
    """Run the model's task on ``source`` (see the module doc);
    ``classes`` default to :func:`class_names` of the config."""
    task = model_task(model)
    if not osp.exists(source):
        raise FileNotFoundError(f'{source} does not exist')
    if task == 'f3ed':
        return inference_f3ed(model, source, **kwargs)
    if classes is None:
        head = getattr(model, 'head', None) or getattr(model, 'cls_head')
        classes = class_names(model.cfg, head.num_classes)
    if task in ('sequence', 'spotting'):
        return inference_sequence(model, source, classes, **kwargs)
    if task in ('localization', 'weak_localization'):
        return inference_localization(model, source, classes, **kwargs)
    return inference_recognition(model, source, classes, **kwargs)
