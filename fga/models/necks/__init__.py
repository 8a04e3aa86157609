from .framewise_neck import FramewiseNeck
from .slowfast_framewise_neck import SlowFastFramewiseNeck

__all__ = ['FramewiseNeck', 'SlowFastFramewiseNeck']
