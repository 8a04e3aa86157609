from .badminton_db import BadmintonDBDataset
from .event_annotations import (ground_truth_sequence, load_classes,
                                load_event_annotations)
from .event_sequence_dataset import (EventSequenceDataset,
                                     evaluation_clip_starts)
from .feature_localization_dataset import FeatureLocalizationDataset
from .finediving import FineDivingDataset
from .finegym import FineGymDataset
from .finetennis import FineTennisDataset
from .localization_annotations import (load_localization_database,
                                       localization_label_dict, select_videos,
                                       video_ground_truth)
from .transforms import *  # noqa: F401,F403

__all__ = [
    'BadmintonDBDataset', 'EventSequenceDataset', 'evaluation_clip_starts',
    'FeatureLocalizationDataset', 'FineDivingDataset', 'FineGymDataset',
    'FineTennisDataset',
    'ground_truth_sequence', 'load_classes', 'load_event_annotations',
    'load_localization_database', 'localization_label_dict', 'select_videos',
    'video_ground_truth'
]
