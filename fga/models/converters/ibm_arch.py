"""IBM's architecture names (``action-recognition-pytorch``), the settings
they record, and whether an fga config has the same ones.

IBM's ``build_model`` names a model
``{dataset}-{modality}-{network}-f{groups}`` and, for training runs,
appends ``-{lr_scheduler}[-syncbn]-bs{batch}-e{epochs}``; its ``train.py``
stores that string as the checkpoint's ``arch``. The network part is
``[TAM-b{blending_frames}-{sum|max}[-allc]-]resnet-{depth}[-ts-{max|avg}]``
or ``...inception-v1[-ts-{max|avg}]`` for 2D models (``-ts-*``: temporal
pooling after three stages; ``-allc``: TAM without depthwise convs),
``i3d_v2[-ts-{max|avg}]``, ``s3d[-dw-t-conv][-ts-{max|avg}]``,
``i3d-resnet-{depth}[-ts]`` and ``s3d-resnet-{depth}[-dw-t-conv][-ts]``
for 3D ones (``-ts``: temporal striding, IBM's default; its released
models were trained with ``--without_t_stride``). Temporal striding and
pooling have no parameters, so a checkpoint loads strictly into a config
that disagrees on them and silently computes different logits: this
module makes that a refusal.
"""
import re
from typing import Dict, List, Optional, Sequence, Tuple

__all__ = [
    'IBM_DATASET_CLASSES', 'parse_ibm_arch', 'ibm_settings_of_config',
    'compare_ibm_settings', 'IBMArchMismatchError'
]

# IBM's utils/dataset_config.py
IBM_DATASET_CLASSES = dict(
    st2stv2=174,
    mini_st2stv2=87,
    kinetics400=400,
    mini_kinetics400=200,
    moments=339,
    mini_moments=200)

_ARCH = re.compile(r'(?P<dataset>[a-z0-9_]+)-(?P<modality>rgb|flow)-'
                   r'(?P<network>.+?)-f(?P<frames>\d+)'
                   r'(?:-[a-z_]+(?:-syncbn)?-bs\d+-e\d+)?')
_NETWORK = re.compile(
    r'(?:TAM-b(?P<blending_frames>\d+)-(?P<blending_method>sum|max)'
    r'(?P<allc>-allc)?-)?'
    r'(?P<family>resnet-(?P<depth2d>\d+)|inception-v1|i3d_v2|s3d'
    r'|i3d-resnet-(?P<depth3d>\d+)|s3d-resnet-(?P<depths3d>\d+))'
    r'(?P<dw_t_conv>-dw-t-conv)?'
    r'(?P<ts>-ts(?:-(?P<pooling>max|avg))?)?')
_FAMILIES = {
    'inception-v1': 'inception_v1', 'i3d_v2': 'i3d', 's3d': 's3d'
}


class IBMArchMismatchError(ValueError):
    """A checkpoint's recorded architecture differs from the config's."""


def parse_ibm_arch(arch: str) -> dict:
    """The settings recorded in an IBM ``arch`` string.

    Returns:
        ``dataset``, ``modality``, ``num_classes`` (None for a dataset IBM
        does not configure), ``backbone`` (``resnet``, ``inception_v1``,
        ``i3d``, ``s3d``, ``i3d_resnet``, ``s3d_resnet``), ``depth`` (None
        for Inception), ``tam`` (None or ``blending_frames``,
        ``blending_method``, ``depthwise``), ``temporal_stride`` (bool),
        ``pooling`` (``'max'``/``'avg'``, None when not striding or for 3D
        ResNets, which stride by convolution), ``depthwise_temporal``
        (S3D's ``-dw-t-conv``) and ``frames`` (``-f``, IBM's ``groups``).
    """
    match = _ARCH.fullmatch(arch)
    network = _NETWORK.fullmatch(match['network']) if match else None
    if network is None:
        raise ValueError(f'arch {arch!r} is not in IBM\'s naming '
                         '({dataset}-{modality}-{network}-f{frames}...)')
    family = network['family']
    depth = network['depth2d'] or network['depth3d'] or network['depths3d']
    if network['depth2d']:
        backbone = 'resnet'
    elif network['depth3d']:
        backbone = 'i3d_resnet'
    elif network['depths3d']:
        backbone = 's3d_resnet'
    else:
        backbone = _FAMILIES[family]
    tam = None
    if network['blending_frames']:
        if backbone not in ('resnet', 'inception_v1'):
            raise ValueError(f'arch {arch!r}: TAM on a 3D network')
        tam = dict(blending_frames=int(network['blending_frames']),
                   blending_method=network['blending_method'],
                   depthwise=not network['allc'])
    striding = bool(network['ts'])
    three_d_resnet = backbone in ('i3d_resnet', 's3d_resnet')
    if striding and (network['pooling'] is None) != three_d_resnet:
        raise ValueError(f'arch {arch!r}: "-ts" of {backbone} '
                         + ('takes no pooling' if three_d_resnet else
                            'names its pooling (-ts-max / -ts-avg)'))
    return dict(
        dataset=match['dataset'],
        modality=match['modality'],
        num_classes=IBM_DATASET_CLASSES.get(match['dataset']),
        backbone=backbone,
        depth=int(depth) if depth else None,
        tam=tam,
        temporal_stride=striding,
        pooling=network['pooling'],
        depthwise_temporal=bool(network['dw_t_conv']),
        frames=int(match['frames']))


# fga backbone type → IBM backbone family
_CONFIG_FAMILIES = dict(
    ResNet='resnet', ResNetTAM='resnet', InceptionV1='inception_v1',
    InceptionV1TAM='inception_v1', I3DInception='i3d', S3D='s3d',
    ResNet3d='i3d_resnet')
_SAMPLERS = ('SampleFrames', 'UniformSample', 'DenseSampleFrames')


def _frames(pipeline: Sequence[dict]) -> Tuple[Optional[int], str]:
    """Frames per view of the first sampling step of ``pipeline``."""
    for index, step in enumerate(pipeline):
        if step.get('type') in _SAMPLERS:
            frames = step.get('clip_len', 1) * (
                1 if step['type'] == 'UniformSample' else step.get(
                    'num_clips', 1))
            return frames, f'val_dataloader.dataset.pipeline.{index}'
    return None, 'val_dataloader.dataset.pipeline'


def ibm_settings_of_config(cfg) -> Dict[str, Tuple[object, str]]:
    """An fga recognition config's values of the settings
    :func:`parse_ibm_arch` reads, each with the config key it comes from.

    Args:
        cfg: a loaded config (``model`` and ``val_dataloader``).

    Returns:
        setting → (value, config key); for a backbone that is no IBM
        family only ``backbone`` (its type), ``num_classes`` and
        ``frames``.
    """
    backbone = cfg.model.backbone
    kind = backbone.get('type')
    family = _CONFIG_FAMILIES.get(kind, kind)
    out = dict(backbone=(family, 'model.backbone.type'))
    out['num_classes'] = (cfg.model.cls_head.get('num_classes'),
                          'model.cls_head.num_classes')
    out['frames'] = _frames(cfg.val_dataloader.dataset.pipeline)
    if family in ('resnet', 'i3d_resnet'):
        out['depth'] = (backbone.get('depth'), 'model.backbone.depth')
    if family in ('resnet', 'inception_v1'):
        tam = backbone.get('tam', dict() if kind.endswith('TAM') else None)
        if tam is not None:
            tam = dict(dict(blending_frames=3, blending_method='sum',
                            depthwise=True), **tam)
        out['tam'] = (tam, 'model.backbone.tam')
        pool = backbone.get('temporal_pool')
        out['temporal_stride'] = (pool is not None,
                                  'model.backbone.temporal_pool')
        out['pooling'] = (pool, 'model.backbone.temporal_pool')
    elif family in ('i3d', 's3d'):
        stride = backbone.get('temporal_stride', True)
        out['temporal_stride'] = (stride, 'model.backbone.temporal_stride')
        out['pooling'] = (backbone.get('pooling', 'max') if stride else None,
                          'model.backbone.pooling')
        if family == 's3d':
            out['depthwise_temporal'] = (
                backbone.get('depthwise_temporal', False),
                'model.backbone.depthwise_temporal')
    elif family == 'i3d_resnet':
        strides = tuple(backbone.get('temporal_strides', (1, 1, 1, 1)))
        out['temporal_stride'] = (any(s != 1 for s in strides),
                                  'model.backbone.temporal_strides')
        out['pooling'] = (None, 'model.backbone.temporal_strides')
    return out


def compare_ibm_settings(arch: dict,
                         config: Dict[str, Tuple[object, str]]) -> List[str]:
    """The settings where a parsed ``arch`` and an fga config (both as
    returned above) differ, one sentence each naming the config key; empty
    when they agree."""
    problems = []
    stride = config.get('temporal_stride', (None, ''))[0]
    for name, (value, key) in config.items():
        if name not in arch or arch[name] is None and name in ('num_classes',
                                                               'depth'):
            continue
        # Pooling matters only where both stride; a striding mismatch is
        # reported once.
        if name == 'pooling' and not (arch['temporal_stride'] and stride):
            continue
        if arch[name] != value:
            problems.append(f'{name.replace("_", " ")}: the checkpoint has '
                            f'{_describe(arch[name])}, {key} gives '
                            f'{_describe(value)}')
            if name == 'backbone':
                break
    return problems


def _describe(value) -> str:
    if isinstance(value, bool):
        return 'on' if value else 'off'
    return repr(value)
