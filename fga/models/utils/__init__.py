from .event_targets import frame_event_targets
from .frame_clustering import (cluster_means, consecutive_hamming,
                               cumulative_clusters, slope_clusters)
from .inception import (INCEPTION_V1_WIDTHS, BasicConv, InceptionBlock,
                        SelfGating, SeparableConv3d)
from .inflation import inflate_2d_state_dict
from .point_targets import assign_points, pyramid_points
from .segment_nms import (batched_nms_1d, nms_1d, segment_overlaps,
                          segment_voting, soft_nms_1d)
from .sequence_decoding import (beam_decode, best_first_decode, greedy_decode,
                                length_score)
from .temporal_aggregation import BLVNetTAM, TemporalPooling, pooled_frames
from .temporal_blocks import (AffineDropPath, ChannelLayerNorm,
                              LocalMaskedAttention, MaskedConv1d, Scale,
                              TemporalTransformerBlock, downsample_mask,
                              sinusoid_table)
from .transformer import PostNormEncoderLayer
from .weak_localization import (above_mean_pooling, cas_proposals,
                                class_balance_weights,
                                coarse_level_representations,
                                fine_level_representations, visual_concepts)

__all__ = [
    'PostNormEncoderLayer', 'beam_decode', 'best_first_decode',
    'frame_event_targets', 'greedy_decode', 'length_score', 'assign_points',
    'pyramid_points', 'batched_nms_1d', 'nms_1d', 'segment_overlaps',
    'segment_voting', 'soft_nms_1d', 'AffineDropPath', 'ChannelLayerNorm',
    'LocalMaskedAttention', 'MaskedConv1d', 'Scale',
    'TemporalTransformerBlock', 'downsample_mask', 'sinusoid_table',
    'above_mean_pooling', 'cas_proposals', 'class_balance_weights',
    'coarse_level_representations', 'fine_level_representations',
    'visual_concepts', 'cluster_means', 'consecutive_hamming',
    'cumulative_clusters', 'slope_clusters', 'INCEPTION_V1_WIDTHS',
    'BasicConv', 'InceptionBlock', 'SelfGating', 'SeparableConv3d',
    'inflate_2d_state_dict', 'BLVNetTAM', 'TemporalPooling', 'pooled_frames'
]
