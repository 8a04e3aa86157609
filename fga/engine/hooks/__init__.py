from .atomic_action_discovery_hook import AtomicActionDiscoveryHook
from .full_video_sampling_hook import FullVideoSamplingHook
from .sequence_visualization_hook import SequenceVisualizationHook

__all__ = [
    'AtomicActionDiscoveryHook', 'FullVideoSamplingHook',
    'SequenceVisualizationHook'
]
