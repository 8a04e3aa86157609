from .sequence_visualization_hook import SequenceVisualizationHook

__all__ = ['SequenceVisualizationHook']
