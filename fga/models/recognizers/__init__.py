from .f3ast import F3AST
from .framewise_recognizer import FramewiseRecognizer

__all__ = ['F3AST', 'FramewiseRecognizer']
