from .functional import *  # noqa: F401,F403
from .metrics import SequenceMetric, SpottingMetric, TALDetectionMAP

__all__ = ['SequenceMetric', 'SpottingMetric', 'TALDetectionMAP']
