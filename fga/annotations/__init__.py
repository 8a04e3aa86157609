"""File formats: annotations, class lists, features and prediction files.

The ground floor of fga: ``datasets``, ``models`` and ``evaluation`` read
and write files through this package, which imports neither torch nor
mmengine.
"""
from .activitynet import (load_activitynet_results, load_localization_database,
                          localization_label_dict, select_videos,
                          video_ground_truth, write_activitynet_results)
from .event_json import (ground_truth_sequence, load_event_annotations,
                         validate_event_records)
from .f3set import (ElementGroups, EventVocabulary, binned_frame_targets,
                    decode_elements, encode_label, load_element_groups,
                    load_elements, load_event_vocabulary,
                    load_f3set_annotations, parse_element_groups, side_hands)
from .features import (check_feature_array, check_feature_coverage,
                       feature_length, grid_geometry, grid_to_seconds,
                       load_feature_array, seconds_to_grid)
from .file_io import AnnotationError, load_json, open_text, read_lines
from .frame_lists import parse_frame_list_line, read_frame_list
from .haan import (class_balance_weights, clip_to_videos, haan_to_activitynet,
                   load_haan_annotations, read_gym99_event_ids)
from .npy import UnsafeFileError, load_npy
from .recognition_dump import load_recognition_dump
from .sequence_predictions import (load_sequence_predictions,
                                   write_sequence_predictions)
from .tolerance import (FINETENNIS_NEIGHBOUR_DIRECTIONS,
                        finetennis_tolerance_pairs, pairs_to_indices,
                        reference_tolerance_id_pairs,
                        reference_tolerance_index_pairs)
from .vocabulary import (END_TOKEN, NUM_SPECIAL_TOKENS, PAD_TOKEN,
                         SPECIAL_TOKENS, START_TOKEN, load_class_list,
                         load_classes)

__all__ = [
    'ElementGroups', 'EventVocabulary', 'binned_frame_targets',
    'decode_elements', 'encode_label', 'load_element_groups', 'load_elements',
    'load_event_vocabulary', 'load_f3set_annotations', 'parse_element_groups',
    'side_hands', 'AnnotationError', 'check_feature_array',
    'check_feature_coverage',
    'class_balance_weights', 'clip_to_videos', 'feature_length',
    'load_class_list', 'parse_frame_list_line', 'read_frame_list',
    'END_TOKEN', 'FINETENNIS_NEIGHBOUR_DIRECTIONS',
    'finetennis_tolerance_pairs', 'grid_geometry', 'grid_to_seconds',
    'ground_truth_sequence', 'haan_to_activitynet', 'load_activitynet_results',
    'load_classes', 'load_event_annotations', 'load_feature_array',
    'load_haan_annotations', 'load_json', 'load_localization_database',
    'load_npy', 'load_recognition_dump', 'load_sequence_predictions',
    'localization_label_dict',
    'NUM_SPECIAL_TOKENS', 'open_text', 'PAD_TOKEN', 'pairs_to_indices',
    'read_gym99_event_ids', 'read_lines', 'reference_tolerance_id_pairs',
    'reference_tolerance_index_pairs', 'seconds_to_grid', 'select_videos',
    'SPECIAL_TOKENS', 'START_TOKEN', 'UnsafeFileError',
    'validate_event_records', 'video_ground_truth',
    'write_activitynet_results', 'write_sequence_predictions'
]
