"""``nn.Module`` building blocks shared by fga's models (not registered:
models compose them). Pure functions live in :mod:`fga.models.utils`."""
from .inception import (INCEPTION_V1_WIDTHS, BasicConv, InceptionBlock,
                        SelfGating, SeparableConv3d)
from .layer_norm import ChannelLayerNorm
from .layer_scale import AffineDropPath, Scale
from .local_attention import LocalMaskedAttention
from .masked_conv import MaskedConv1d
from .post_norm_encoder_layer import PostNormEncoderLayer
from .temporal_aggregation import BLVNetTAM, TemporalPooling, pooled_frames
from .transformer_block import TemporalTransformerBlock

__all__ = [
    'INCEPTION_V1_WIDTHS', 'AffineDropPath', 'BLVNetTAM', 'BasicConv',
    'ChannelLayerNorm', 'InceptionBlock', 'LocalMaskedAttention',
    'MaskedConv1d', 'PostNormEncoderLayer', 'Scale', 'SelfGating',
    'SeparableConv3d', 'TemporalPooling', 'TemporalTransformerBlock',
    'pooled_frames'
]
