"""Pure functions of fga's models: targets, decoding, (Soft-)NMS,
clustering, weight inflation and masks. Building blocks
(``nn.Module``) live in :mod:`fga.models.common`."""
from .event_targets import (IGNORE_INDEX, attribute_targets_table,
                            frame_event_targets)
from .f3ed_decoding import (decode_f3ed_events, detect_events,
                            resolve_elements, temporal_nms)
from .frame_clustering import (cluster_means, consecutive_hamming,
                               cumulative_clusters, slope_clusters)
from .inflation import inflate_2d_state_dict
from .masking import (downsample_mask, drop_random_steps, never_empty,
                      pad_sequences)
from .point_targets import assign_points, decode_segments, pyramid_points
from .segment_nms import (batched_nms_1d, nms_1d, segment_overlaps,
                          segment_voting, soft_nms_1d)
from .sequence_decoding import (beam_decode, best_first_decode, greedy_decode,
                                length_score, sequence_targets)
from .sinusoid import sinusoid_table
from .weak_localization import (above_mean_pooling, cas_proposals,
                                coarse_level_representations,
                                fine_level_representations, visual_concepts)

__all__ = [
    'above_mean_pooling', 'assign_points', 'batched_nms_1d', 'beam_decode',
    'best_first_decode', 'cas_proposals', 'cluster_means',
    'coarse_level_representations', 'consecutive_hamming',
    'cumulative_clusters', 'decode_f3ed_events', 'decode_segments',
    'detect_events', 'resolve_elements', 'temporal_nms', 'downsample_mask',
    'attribute_targets_table', 'drop_random_steps',
    'fine_level_representations', 'frame_event_targets', 'greedy_decode',
    'IGNORE_INDEX', 'inflate_2d_state_dict', 'length_score', 'never_empty',
    'nms_1d', 'pad_sequences', 'pyramid_points', 'segment_overlaps',
    'segment_voting', 'sequence_targets', 'sinusoid_table', 'slope_clusters',
    'soft_nms_1d', 'visual_concepts'
]
