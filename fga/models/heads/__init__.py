from .f3ast_head import F3ASTHead
from .framewise_spotting_head import FramewiseSpottingHead

__all__ = ['F3ASTHead', 'FramewiseSpottingHead']
