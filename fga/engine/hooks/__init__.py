from .atomic_action_discovery_hook import AtomicActionDiscoveryHook
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .checkpoint_fit_hook import CheckpointFitHook
from .class_agreement_hook import ClassAgreementHook
from .full_video_sampling_hook import FullVideoSamplingHook
from .iteration_seed_hook import IterationSeedHook
from .non_finite_loss_hook import NonFiniteLossError, NonFiniteLossHook
from .prediction_visualization_hook import PredictionVisualizationHook
from .revise_checkpoint_keys_hook import ReviseCheckpointKeysHook

__all__ = [
    'AtomicActionDiscoveryHook', 'AtomicCheckpointHook', 'CheckpointFitHook',
    'ClassAgreementHook', 'FullVideoSamplingHook', 'IterationSeedHook',
    'NonFiniteLossError', 'NonFiniteLossHook', 'PredictionVisualizationHook',
    'ReviseCheckpointKeysHook'
]
