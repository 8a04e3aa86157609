"""FLOPs and parameters of a config's model on the input its task takes
(``tools/analysis_tools/get_flops.py``)."""
from typing import Callable, Optional, Sequence, Tuple

import torch
import torch.nn as nn

from .prediction_sources import dataset_of_test_split

__all__ = ['default_input_shape', 'model_complexity']

# When a pipeline fixes no frame size (decoded frames are used as they
# are), MMAction2's get_flops default.
DEFAULT_FRAME_SIZE = (224, 224)
# HAAN takes whole videos of any length; FineGym's clip-feature sequences
# are of this order.
DEFAULT_HAAN_STEPS = 256


def _frame_size(pipeline: Sequence[dict]) -> Optional[Tuple[int, int]]:
    """(H, W) the last fixed-size crop or resize of a test pipeline makes,
    None when frames keep their decoded size."""
    size = None
    for step in pipeline:
        crop = step.get('crop_size')
        scale = step.get('scale')
        if step['type'] in ('CenterCrop', 'ThreeCrop', 'TenCrop') and crop:
            size = (crop, crop) if isinstance(crop, int) else (crop[1],
                                                               crop[0])
        elif step['type'] == 'Resize' and scale and not step.get(
                'keep_ratio', False) and min(scale) > 0:
            size = (scale[1], scale[0])
    return size


def default_input_shape(cfg) -> Tuple[Tuple[int, ...], str]:
    """The input shape one test sample of ``cfg`` gives its model, and a note
    on what was assumed.

    * ActionFormer: (1, max_seq_len, C) features;
    * HAAN: (1, T, C) clip features, T = ``DEFAULT_HAAN_STEPS``;
    * framewise models (F3AST, spotting): (1, 1, 3, clip_len, H, W);
    * recognizers: one view of the test pipeline's ``SampleFrames``,
      (1, num_clips * clip_len, 3, H, W) for 2D (``NCHW``) and
      (1, 1, 3, clip_len, H, W) for 3D (``NCTHW``) models.
    """
    model = cfg.model
    if model.type == 'ActionFormer':
        return (1, model.max_seq_len, model.backbone.in_channels), ''
    if model.type == 'HAAN':
        return ((1, DEFAULT_HAAN_STEPS, model.head.in_channels),
                f'{DEFAULT_HAAN_STEPS} clip features assumed (HAAN takes '
                'any length; --shape T sets it)')
    dataset = dataset_of_test_split(cfg)
    pipeline = dataset.get('pipeline') or cfg.get('test_pipeline') or []
    size = _frame_size(pipeline)
    note = ''
    if size is None:
        size = DEFAULT_FRAME_SIZE
        note = (f'frame size {size[0]}x{size[1]} assumed (the test pipeline '
                'keeps decoded frames as they are; --shape H W sets it)')
    if 'head' in model and 'clip_len' in dataset:
        return (1, 1, 3, dataset.clip_len) + tuple(size), note
    sampler = [s for s in pipeline if s['type'] == 'SampleFrames']
    if not sampler or 'cls_head' not in model:
        raise ValueError(f'cannot tell the input of a {model.type} model '
                         '(no SampleFrames in its test pipeline); pass '
                         '--shape with the full input shape')
    clip_len = sampler[0].get('clip_len', 1)
    frame_format = model.get('data_preprocessor', {}).get(
        'format_shape', 'NCHW')
    if frame_format == 'NCHW':
        frames = clip_len * sampler[0].get('num_clips', 1)
        return (1, frames, 3) + tuple(size), note
    return (1, 1, 3, clip_len) + tuple(size), note


def _with_shape(default: Tuple[int, ...],
                shape: Optional[Sequence[int]]) -> Tuple[int, ...]:
    """``--shape``: the full shape, or its trailing dimensions (H W for
    frames, T or T C for features)."""
    if not shape:
        return tuple(default)
    shape = tuple(int(s) for s in shape)
    if len(shape) == len(default):
        return shape
    if len(shape) < len(default):
        if len(default) == 3:  # (1, T, C): T, or T C
            return (1, ) + shape + default[1 + len(shape):]
        if len(shape) == 2:
            return default[:-2] + shape
    raise ValueError(f'--shape {list(shape)} does not fit this model\'s '
                     f'input {list(default)}: give it in full or give H W '
                     '(frames) / T or T C (features)')


class _TensorForward(nn.Module):
    """The model's raw forward (backbone to head, no post-processing) on one
    tensor, which is what the counter traces."""

    def __init__(self, model: nn.Module, call: Callable) -> None:
        super().__init__()
        self.model = model
        self.call = call

    def forward(self, inputs: torch.Tensor):
        return self.call(inputs)


def _tensor_forward(model: nn.Module) -> _TensorForward:
    if hasattr(model, 'cls_head'):
        # MMAction2 recognizers return backbone features in 'tensor' mode;
        # count the head too.
        return _TensorForward(
            model, lambda x: model.extract_feat(x, stage='head')[0])
    return _TensorForward(model, lambda x: model(x, mode='tensor'))


def model_complexity(cfg, shape: Optional[Sequence[int]] = None) -> dict:
    """FLOPs and parameters of ``cfg.model`` on one test input.

    Args:
        cfg: an mmengine Config.
        shape: ``--shape`` (see :func:`_with_shape`); default the task's
            input from :func:`default_input_shape`.

    Returns:
        ``input_shape``, ``note``, ``flops`` (multiply-adds, as MMEngine
        counts), ``params``, ``flops_str``, ``params_str`` and ``table``.
    """
    from mmaction.registry import MODELS
    from mmengine.analysis import get_model_complexity_info
    from mmengine.registry import init_default_scope
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    default, note = default_input_shape(cfg)
    input_shape = _with_shape(default, shape)
    if shape:
        note = ''
    model = MODELS.build(cfg.model)
    model.eval()
    with torch.no_grad():
        info = get_model_complexity_info(
            _tensor_forward(model),
            inputs=(torch.zeros(input_shape), ),
            show_arch=False)
    return dict(
        input_shape=input_shape,
        note=note,
        flops=int(info['flops']),
        params=int(info['params']),
        flops_str=info['flops_str'],
        params_str=info['params_str'],
        table=info['out_table'])
