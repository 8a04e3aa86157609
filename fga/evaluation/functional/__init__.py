from .alignment import AlignedPair, align_sequences
from .average_precision import average_precision_per_class
from .detection_map import (deduplicate_ground_truth,
                            detection_average_precision, detection_map,
                            detection_topk_recall,
                            interpolated_average_precision)
from .external_score_fusion import fuse_external_scores
from .label_breakdown import (AlignedLabels, aligned_labels,
                              attribute_accuracy, attribute_value_accuracy,
                              confusion_matrix, per_class_accuracy,
                              split_attributes)
from .f3ed_metrics import (element_f1_counts, event_codes, event_f1_counts,
                           f3ed_metrics, mean_f1)
from .sequence_metrics import (collapse_runs, edit_distances, edit_scores,
                               equivalence_matrix, sequence_accuracy,
                               sequence_map, sequence_metrics, success_rate)
from .spotting_map import spotting_average_precision, spotting_map

__all__ = [
    'AlignedPair', 'align_sequences', 'AlignedLabels', 'aligned_labels',
    'attribute_accuracy', 'attribute_value_accuracy', 'confusion_matrix',
    'per_class_accuracy', 'split_attributes',
    'deduplicate_ground_truth', 'detection_average_precision', 'detection_map',
    'detection_topk_recall', 'element_f1_counts', 'event_codes',
    'event_f1_counts', 'f3ed_metrics', 'fuse_external_scores',
    'interpolated_average_precision', 'mean_f1',
    'average_precision_per_class', 'collapse_runs', 'edit_distances',
    'edit_scores', 'equivalence_matrix', 'sequence_accuracy', 'sequence_map',
    'sequence_metrics', 'success_rate', 'spotting_average_precision',
    'spotting_map'
]
