"""Pack a clip with its F3ED targets."""
from mmaction.registry import TRANSFORMS

from .pack_event_sequence_inputs import PackEventSequenceInputs


@TRANSFORMS.register_module()
class PackF3EDInputs(PackEventSequenceInputs):
    """:class:`PackEventSequenceInputs` plus the per-frame targets of
    ``F3EDFrameTargets`` (``frame_events`` (T,), ``frame_elements``
    (T, E)) and the video's ``hands`` (2,)."""
    FIELDS = PackEventSequenceInputs.FIELDS + ('frame_events',
                                               'frame_elements', 'hands')
