from .actionformer import ActionFormer
from .haan import HAAN

__all__ = ['ActionFormer', 'HAAN']
