"""Using trained models from Python: inference per task and feature
extraction (``tools/infer*.py`` and ``tools/data/extract_features.py`` call
these)."""
from .feature_extraction import ClipFeatureExtractor, extract_feature_files
from .inference import (inference_localization, inference_sequence, init_model,
                        video_length)

__all__ = [
    'ClipFeatureExtractor', 'extract_feature_files', 'inference_localization',
    'inference_sequence', 'init_model', 'video_length'
]
