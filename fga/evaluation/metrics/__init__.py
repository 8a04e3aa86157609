from .detection_map_metric import TALDetectionMAP
from .f3ed_metric import F3EDMetric
from .sequence_metric import SequenceMetric
from .spotting_metric import SpottingMetric

__all__ = ['F3EDMetric', 'SequenceMetric', 'SpottingMetric', 'TALDetectionMAP']
