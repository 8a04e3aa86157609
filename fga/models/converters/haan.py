"""Models of the HAAN reference (``lizhi1104/HAAN``) → fga ``HAAN``.

The reference saves each of its four two-layer MLPs with
``torch.save(module.state_dict(), '<name>.pkl')`` (plain tensors:
``hidden_layer.{weight,bias}``, ``out_layer.{weight,bias}``), so the files
load under torch's safe ``weights_only`` unpickler. Its release ships the
two that inference needs, ``encoder.pkl`` and ``fine_level_classifier.pkl``;
fga's ``HAANHead`` keeps the reference's module and parameter names under
``head.``. The training-only parts (``pseudo_label_classifier``,
``coarse_level_classifier``, the atomic-action weights) come from the file
when given, else from the config's freshly initialised model: they never
touch a prediction, and the meta names which were not released.
"""
import os.path as osp
from collections import OrderedDict
from typing import Dict, List, Mapping, Optional, Tuple

import torch

from fga.utils.safe_loading import load_checkpoint_file, save_checkpoint_atomic

__all__ = [
    'HAAN_PARTS', 'HAAN_INFERENCE_PARTS', 'convert_haan_part',
    'convert_haan_state_dicts', 'convert_haan_models'
]

# The reference's file stems, which are also fga's module names.
HAAN_INFERENCE_PARTS = ('encoder', 'fine_level_classifier')
HAAN_PARTS = HAAN_INFERENCE_PARTS + ('pseudo_label_classifier',
                                     'coarse_level_classifier')
_MLP_KEYS = ('hidden_layer.weight', 'hidden_layer.bias', 'out_layer.weight',
             'out_layer.bias')


def _shape(tensor) -> Tuple[int, ...]:
    return tuple(getattr(tensor, 'shape', ()))


def convert_haan_part(part: str, state: Mapping[str, torch.Tensor],
                      template: Mapping[str, torch.Tensor]) -> Dict:
    """One reference MLP state dict → its fga entries
    (``head.<part>.<key>``), checked against the target model's
    ``template`` state dict."""
    if part not in HAAN_PARTS:
        raise KeyError(f'{part!r} is not a HAAN module {HAAN_PARTS}')
    state = {k.removeprefix('module.'): v for k, v in state.items()}
    unknown = sorted(set(state) - set(_MLP_KEYS))
    absent = [k for k in _MLP_KEYS if k not in state]
    if unknown or absent:
        raise KeyError(f'not the state dict of a HAAN MLP (expected '
                       f'{list(_MLP_KEYS)}; unknown {unknown}, missing '
                       f'{absent})')
    out = {}
    for key in _MLP_KEYS:
        target = f'head.{part}.{key}'
        if target not in template:
            raise KeyError(f'the model has no {target}: not a HAAN config')
        if _shape(state[key]) != _shape(template[target]):
            raise ValueError(f'{key} is {_shape(state[key])}, the config\'s '
                             f'{target} is {_shape(template[target])}')
        out[target] = state[key]
    return out


def convert_haan_state_dicts(
        parts: Mapping[str, Mapping[str, torch.Tensor]],
        template: Mapping[str, torch.Tensor]) -> Tuple['OrderedDict', List]:
    """Place the reference's MLP state dicts into an fga HAAN state dict.

    Args:
        parts: reference module name (``encoder``, ``fine_level_classifier``
            and optionally the two training-only ones) → its state dict.
        template: the target model's ``state_dict()``; entries no part
            gives are kept from it.

    Returns:
        The fga state dict (the template's keys, in its order) and the
        template keys that no part filled.
    """
    missing = [p for p in HAAN_INFERENCE_PARTS if p not in parts]
    if missing:
        raise KeyError(f'no {" or ".join(missing)}: inference needs both')
    filled = {}
    for part, state in parts.items():
        filled.update(convert_haan_part(part, state, template))
    out = OrderedDict((k, filled.get(k, v)) for k, v in template.items())
    return out, [k for k in template if k not in filled]


def convert_haan_models(files: Mapping[str, Optional[str]],
                        dst: str,
                        config: str,
                        trust_checkpoint: bool = False
                        ) -> Tuple['OrderedDict', dict]:
    """Load the reference's ``.pkl`` files (part name → path or None)
    safely and write (atomically) one fga checkpoint for ``config``.

    Returns:
        The state dict written and its meta (``converted_from``,
        ``not_released``: the entries kept from the initialised model).
    """
    from mmaction.registry import MODELS
    from mmengine.config import Config

    from fga.utils import register_all_modules
    register_all_modules()
    template = MODELS.build(Config.fromfile(config).model).state_dict()
    parts = {}
    for part, path in files.items():
        if path is None:
            continue
        state = load_checkpoint_file(path, trust_checkpoint)
        try:
            if not isinstance(state, dict):
                raise ValueError('expected the state dict of a HAAN MLP, '
                                 f'got {type(state).__name__}')
            convert_haan_part(part, state, template)
        except (KeyError, ValueError) as err:
            message = err.args[0] if err.args else err
            raise type(err)(f'{path} ({part}) does not fit {config}: '
                            f'{message}') from None
        parts[part] = state
    state_dict, kept = convert_haan_state_dicts(parts, template)
    meta = dict(converted_from=[osp.basename(files[p]) for p in parts],
                not_released=kept)
    save_checkpoint_atomic(dict(state_dict=state_dict, meta=meta), dst)
    return state_dict, meta
