from .tcn_spotting_head import TCNSpottingHead

__all__ = ['TCNSpottingHead']
