from .actionformer import ActionFormer

__all__ = ['ActionFormer']
