"""The checkpoint-safety policy: what fga agrees to unpickle.

Every checkpoint fga reads goes through torch's ``weights_only=True``
unpickler, which rebuilds tensors and plain containers and refuses every
other callable. MMEngine's resume state additionally pickles a
``HistoryBuffer`` and NumPy arrays; exactly those globals are allowed, with
a restricted stand-in for ``getattr``. Safe loading is never switched off
globally: only an explicit ``trust_checkpoint=True`` (the tools'
``--trust-checkpoint``) loads a file with ``weights_only=False``.
"""
import os.path as osp
import pickle
import warnings

import numpy as np
import torch

from .atomic_files import atomic_write

__all__ = [
    'UnsafeCheckpointError', 'install_safe_loading', 'safe_torch_load',
    'load_checkpoint_file', 'save_checkpoint_atomic'
]

_HISTORY_STATISTICS = ('min', 'max', 'current', 'mean')
_INSTALLED = False


class UnsafeCheckpointError(pickle.UnpicklingError):
    """A checkpoint holds objects that safe (``weights_only``) loading
    refuses."""


def _restricted_getattr(obj, name):
    """Stand-in for ``builtins.getattr`` while unpickling checkpoints.

    mmengine's ``HistoryBuffer`` pickles its statistic methods by reference
    (``getattr(HistoryBuffer, 'mean')``). The real ``getattr`` can walk from
    any allowed class to arbitrary functions, so only those four lookups are
    answered.
    """
    from mmengine.logging import HistoryBuffer
    if obj is HistoryBuffer and name in _HISTORY_STATISTICS:
        return getattr(HistoryBuffer, name)
    raise pickle.UnpicklingError(
        f'getattr({obj!r}, {name!r}) is not allowed while loading a '
        'checkpoint')


def _allow_resume_globals() -> None:
    serialization = torch.serialization
    if not hasattr(serialization, 'add_safe_globals'):
        return
    from mmengine.logging import HistoryBuffer
    allowed = [
        HistoryBuffer, np.ndarray, np.dtype,
        (_restricted_getattr, 'builtins.getattr')
    ]
    allowed += [
        value for value in vars(np.dtypes).values()
        if isinstance(value, type) and issubclass(value, np.dtype)
    ]
    multiarray = getattr(np, '_core', None) or np.core
    for qualname in ('numpy._core.multiarray', 'numpy.core.multiarray'):
        for attr in ('_reconstruct', 'scalar'):
            allowed.append((getattr(multiarray.multiarray,
                                    attr), f'{qualname}.{attr}'))
    serialization.add_safe_globals(allowed)


def _refuse_unsafe(source: str, load):
    """Run ``load()``; a pickle outside the allowlist becomes an
    ``UnsafeCheckpointError`` naming ``source``."""
    try:
        return load()
    except pickle.UnpicklingError as err:
        raise UnsafeCheckpointError(
            f'Refusing to load checkpoint {source!r}: it contains objects '
            'that safe loading (torch weights_only=True) does not allow, so '
            'loading it could run arbitrary code. Only checkpoints written by '
            'mmengine/fga load this way. If you produced this file yourself '
            'and trust it, convert it once with '
            '`python tools/misc/publish_model.py IN OUT --trust-checkpoint`. '
            f'Details: {err}') from None


def _register_checkpoint_loader() -> None:
    """Route mmengine's local and http(s) checkpoint loading through the
    safe loader (mmengine's own http loader unpickles with
    ``weights_only=False``)."""
    from mmengine.runner.checkpoint import CheckpointLoader

    def load_from_local(filename, map_location):
        filename = osp.expanduser(filename)
        if not osp.isfile(filename):
            raise FileNotFoundError(f'{filename} can not be found.')
        return safe_torch_load(filename, map_location)

    def load_from_http(url, map_location, model_dir=None):
        return _refuse_unsafe(
            url, lambda: torch.hub.load_state_dict_from_url(
                url, model_dir=model_dir, map_location=map_location,
                weights_only=True))

    CheckpointLoader.register_scheme(
        prefixes='', loader=load_from_local, force=True)
    CheckpointLoader.register_scheme(
        prefixes=('http://', 'https://'), loader=load_from_http, force=True)


def install_safe_loading() -> None:
    """Allow mmengine's resume globals and make mmengine load every
    checkpoint safely; idempotent."""
    global _INSTALLED
    if _INSTALLED:
        return
    _allow_resume_globals()
    _register_checkpoint_loader()
    _INSTALLED = True


def safe_torch_load(filename, map_location=None):
    """``torch.load`` with ``weights_only=True`` and an error that names the
    file when the pickle holds anything outside the allowlist."""
    install_safe_loading()
    return _refuse_unsafe(
        filename, lambda: torch.load(
            filename, map_location=map_location, weights_only=True))


def load_checkpoint_file(path: str,
                         trust_checkpoint: bool = False,
                         map_location='cpu'):
    """Load a checkpoint with ``weights_only=True`` (fga's allow-list),
    or, only when the caller says it trusts the file, with
    ``weights_only=False`` and a warning (that runs any code in the
    pickle)."""
    if not trust_checkpoint:
        return safe_torch_load(path, map_location=map_location)
    warnings.warn(f'loading {path} with weights_only=False: only do this '
                  'for files you produced yourself or trust')
    return torch.load(path, map_location=map_location, weights_only=False)


def save_checkpoint_atomic(obj, path: str) -> None:
    """``torch.save`` so that an interrupted write never leaves a truncated
    file under ``path``."""
    with atomic_write(path, binary=True) as f:
        torch.save(obj, f)
