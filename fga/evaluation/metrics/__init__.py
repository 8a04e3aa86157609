from .detection_map_metric import TALDetectionMAP
from .sequence_metric import SequenceMetric
from .spotting_metric import SpottingMetric

__all__ = ['SequenceMetric', 'SpottingMetric', 'TALDetectionMAP']
