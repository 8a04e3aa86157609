from .framewise_spotting_head import FramewiseSpottingHead

__all__ = ['FramewiseSpottingHead']
