from .f3ast import F3AST
from .framewise_recognizer import FramewiseRecognizer
from .full_video_recognizer import FullVideoRecognizer

__all__ = ['F3AST', 'FramewiseRecognizer', 'FullVideoRecognizer']
