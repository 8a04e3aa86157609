"""Metrics: the NumPy functions (``functional``, also the evaluation CLIs'
whole dependency) load eagerly; the MMEngine metric classes on first use."""
import importlib

from .functional import *  # noqa: F401,F403

_METRICS = ('SequenceMetric', 'SpottingMetric', 'TALDetectionMAP')

__all__ = list(_METRICS)


def __getattr__(name: str):
    if name in _METRICS:
        return getattr(importlib.import_module('.metrics', __name__), name)
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
