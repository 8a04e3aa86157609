from .actionformer_head import ActionFormerHead
from .f3ast_head import F3ASTHead
from .framewise_spotting_head import FramewiseSpottingHead
from .haan_head import HAANHead

__all__ = [
    'ActionFormerHead', 'F3ASTHead', 'FramewiseSpottingHead', 'HAANHead'
]
