from .framewise_recognizer import FramewiseRecognizer

__all__ = ['FramewiseRecognizer']
