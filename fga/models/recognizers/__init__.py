from .f3ast import F3AST
from .f3ed import F3ED
from .framewise_recognizer import FramewiseRecognizer
from .full_video_recognizer import FullVideoRecognizer

__all__ = ['F3AST', 'F3ED', 'FramewiseRecognizer', 'FullVideoRecognizer']
