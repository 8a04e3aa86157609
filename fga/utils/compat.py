"""Every workaround for the upstream stack, applied once by ``import fga``.

The numbered items refer to ``stack.md`` (dependency pitfalls):

1. the mmaction2 1.2.0 wheel lacks ``mmaction.models.localizers.drn``;
4. torch >= 2.6 loads checkpoints with ``weights_only=True`` and mmengine's
   resume state needs a few extra, audited globals (the policy lives in
   :mod:`fga.utils.safe_loading`);
5. numpy 2 removed ``np.trapz`` and ``np.Inf`` that upstream code still uses;
6. mmengine's launcher calls ``torch.cuda.set_device`` even on CPU-only torch.

Nothing here disables torch's safe loading. No other module in ``fga`` checks
versions.
"""
import importlib.util
import os.path as osp
import sys
import types
import warnings

import numpy as np
import torch

from .safe_loading import install_safe_loading

__all__ = ['apply_compat']

_APPLIED = False


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


def apply_compat() -> None:
    """Apply every workaround once; safe to call repeatedly."""
    global _APPLIED
    if _APPLIED:
        return
    _stub_missing_drn()
    _numpy_aliases()
    _cpu_set_device()
    install_safe_loading()
    warnings.filterwarnings(
        'ignore', message='Fail to import ``MultiScaleDeformableAttention``')
    _APPLIED = True
