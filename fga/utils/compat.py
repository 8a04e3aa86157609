"""Every workaround for the upstream stack, applied once by ``import fga``.

The numbered items refer to ``stack.md`` (dependency pitfalls):

1. the mmaction2 1.2.0 wheel lacks ``mmaction.models.localizers.drn``;
4. torch >= 2.6 loads checkpoints with ``weights_only=True`` and mmengine's
   resume state needs a few extra, audited globals;
5. numpy 2 removed ``np.trapz`` and ``np.Inf`` that upstream code still uses;
6. mmengine's launcher calls ``torch.cuda.set_device`` even on CPU-only torch.

Nothing here disables torch's safe loading. No other module in ``fga`` checks
versions.
"""
import importlib.util
import os.path as osp
import pickle
import sys
import types
import warnings

import numpy as np
import torch

__all__ = ['apply_compat', 'UnsafeCheckpointError', 'safe_torch_load']

_APPLIED = False


class UnsafeCheckpointError(pickle.UnpicklingError):
    """A checkpoint holds objects that safe (``weights_only``) loading
    refuses."""


def _stub_missing_drn() -> None:
    """Insert a placeholder ``drn`` package if the installed mmaction lacks
    it, before ``mmaction.models`` is first imported."""
    spec = importlib.util.find_spec('mmaction')
    if spec is None or spec.origin is None:
        return
    drn_file = osp.join(
        osp.dirname(spec.origin), 'models', 'localizers', 'drn', 'drn.py')
    name = 'mmaction.models.localizers.drn'
    if osp.isfile(drn_file) or name in sys.modules:
        return

    class DRN:  # noqa: D401 - placeholder only
        """Placeholder: mmaction2 1.2.0 wheels do not ship DRN."""

        def __init__(self, *args, **kwargs):
            raise ImportError(
                'DRN is missing from this mmaction2 wheel '
                '(open-mmlab/mmaction2#2714); fga does not provide it.')

    package = types.ModuleType(name)
    package.__path__ = []
    module = types.ModuleType(name + '.drn')
    module.DRN = DRN
    package.drn = module
    package.DRN = DRN
    sys.modules[name] = package
    sys.modules[name + '.drn'] = module


def _numpy_aliases() -> None:
    if not hasattr(np, 'trapz'):
        np.trapz = np.trapezoid
    if not hasattr(np, 'Inf'):
        np.Inf = np.inf


def _cpu_set_device() -> None:
    """Make ``torch.cuda.set_device`` a no-op on CPU-only builds so the
    mmengine launcher can start gloo process groups."""
    if torch.cuda.is_available():
        return
    original = torch.cuda.set_device
    if getattr(original, '_fga_noop', False):
        return

    def set_device(device):
        return None

    set_device._fga_noop = True
    torch.cuda.set_device = set_device


_HISTORY_STATISTICS = ('min', 'max', 'current', 'mean')


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


def _safe_globals() -> None:
    serialization = torch.serialization
    if not hasattr(serialization, 'add_safe_globals'):
        return
    from mmengine.logging import HistoryBuffer
    allowed = [HistoryBuffer, np.ndarray, np.dtype,
               (_restricted_getattr, 'builtins.getattr')]
    allowed += [
        value for value in vars(np.dtypes).values()
        if isinstance(value, type) and issubclass(value, np.dtype)
    ]
    multiarray = getattr(np, '_core', None) or np.core
    for qualname in ('numpy._core.multiarray', 'numpy.core.multiarray'):
        for attr in ('_reconstruct', 'scalar'):
            allowed.append((getattr(multiarray.multiarray, attr),
                            f'{qualname}.{attr}'))
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


def safe_torch_load(filename, map_location=None):
    """``torch.load`` with ``weights_only=True`` and an error that names the
    file when the pickle holds anything outside the allowlist."""
    return _refuse_unsafe(
        filename, lambda: torch.load(
            filename, map_location=map_location, weights_only=True))


def _register_checkpoint_loader() -> None:
    from mmengine.runner.checkpoint import CheckpointLoader

    def load_from_local(filename, map_location):
        filename = osp.expanduser(filename)
        if not osp.isfile(filename):
            raise FileNotFoundError(f'{filename} can not be found.')
        return safe_torch_load(filename, map_location)

    def load_from_http(url, map_location, model_dir=None):
        # mmengine's own http loader unpickles with weights_only=False.
        return _refuse_unsafe(
            url, lambda: torch.hub.load_state_dict_from_url(
                url, model_dir=model_dir, map_location=map_location,
                weights_only=True))

    CheckpointLoader.register_scheme(
        prefixes='', loader=load_from_local, force=True)
    CheckpointLoader.register_scheme(
        prefixes=('http://', 'https://'), loader=load_from_http, force=True)


def apply_compat() -> None:
    """Apply every workaround once; safe to call repeatedly."""
    global _APPLIED
    if _APPLIED:
        return
    _stub_missing_drn()
    _numpy_aliases()
    _cpu_set_device()
    _safe_globals()
    _register_checkpoint_loader()
    warnings.filterwarnings(
        'ignore', message='Fail to import ``MultiScaleDeformableAttention``')
    _APPLIED = True
