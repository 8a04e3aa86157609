from .bigru_temporal_neck import BiGRUTemporalNeck
from .fpn_identity import FPNIdentity
from .framewise_neck import FramewiseNeck
from .slowfast_framewise_neck import SlowFastFramewiseNeck
from .temporal_conv_neck import TemporalConvNeck

__all__ = [
    'BiGRUTemporalNeck', 'FPNIdentity', 'FramewiseNeck',
    'SlowFastFramewiseNeck', 'TemporalConvNeck'
]
