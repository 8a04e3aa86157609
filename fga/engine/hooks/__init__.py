from .atomic_action_discovery_hook import AtomicActionDiscoveryHook
from .sequence_visualization_hook import SequenceVisualizationHook

__all__ = ['AtomicActionDiscoveryHook', 'SequenceVisualizationHook']
