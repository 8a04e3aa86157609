from .framewise_neck import FramewiseNeck

__all__ = ['FramewiseNeck']
