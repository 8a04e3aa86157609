from .atomic_action_discovery_hook import AtomicActionDiscoveryHook
from .checkpoint_fit_hook import CheckpointFitHook
from .class_agreement_hook import ClassAgreementHook
from .full_video_sampling_hook import FullVideoSamplingHook
from .sequence_visualization_hook import SequenceVisualizationHook

__all__ = [
    'AtomicActionDiscoveryHook', 'CheckpointFitHook', 'ClassAgreementHook',
    'FullVideoSamplingHook', 'SequenceVisualizationHook'
]
