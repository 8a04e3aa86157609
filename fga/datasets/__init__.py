from .badminton_db import BadmintonDBDataset
from .event_annotations import (ground_truth_sequence, load_classes,
                                load_event_annotations)
from .event_sequence_dataset import (EventSequenceDataset,
                                     evaluation_clip_starts)
from .feature_localization_dataset import FeatureLocalizationDataset
from .finediving import FineDivingDataset
from .finegym import FineGymDataset
from .finetennis import FineTennisDataset
from .frame_list_dataset import FrameListDataset
from .haan_annotations import (haan_to_activitynet, load_haan_annotations,
                               read_gym99_event_ids)
from .haan_feature_dataset import HAANFeatureDataset
from .localization_annotations import (load_localization_database,
                                       localization_label_dict, select_videos,
                                       video_ground_truth)
from .transforms import *  # noqa: F401,F403

__all__ = [
    'BadmintonDBDataset', 'EventSequenceDataset', 'evaluation_clip_starts',
    'FeatureLocalizationDataset', 'FineDivingDataset', 'FineGymDataset',
    'FrameListDataset',
    'FineTennisDataset', 'HAANFeatureDataset', 'haan_to_activitynet',
    'load_haan_annotations', 'read_gym99_event_ids',
    'ground_truth_sequence', 'load_classes', 'load_event_annotations',
    'load_localization_database', 'localization_label_dict', 'select_videos',
    'video_ground_truth'
]
