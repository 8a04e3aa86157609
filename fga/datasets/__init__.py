"""fga's registered datasets and transforms. ``BadmintonDBDataset``,
``FineDivingDataset`` and ``FineGymDataset`` are registry names of
:class:`EventSequenceDataset`."""
from .event_sequence_dataset import (EventSequenceDataset,
                                     evaluation_clip_starts)
from .f3set_dataset import F3SetDataset
from .feature_localization_dataset import FeatureLocalizationDataset
from .finetennis import FineTennisDataset
from .frame_list_dataset import FrameListDataset
from .haan_feature_dataset import HAANFeatureDataset
from .reproducible_rawframe_dataset import ReproducibleRawframeDataset
from .samplers import ReproducibleSampler, SampleIndex
from .transforms import *  # noqa: F401,F403
from .transforms.f3ed_frame_targets import F3EDFrameTargets
from .transforms.pack_f3ed_inputs import PackF3EDInputs

__all__ = [
    'EventSequenceDataset', 'F3EDFrameTargets', 'F3SetDataset',
    'PackF3EDInputs', 'FeatureLocalizationDataset', 'FineTennisDataset',
    'FrameListDataset', 'HAANFeatureDataset', 'ReproducibleRawframeDataset',
    'ReproducibleSampler', 'SampleIndex', 'evaluation_clip_starts'
]
