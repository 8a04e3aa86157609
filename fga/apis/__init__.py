"""Using trained models from Python: inference for every task and
streaming feature extraction (``tools/infer.py`` and
``tools/data/extract_features.py`` call these)."""
from .feature_extraction import ClipFeatureExtractor, extract_feature_files
from .inference import (TASKS, class_names, inference, inference_localization,
                        inference_recognition, inference_sequence, init_model,
                        model_task, video_length)

__all__ = [
    'TASKS', 'ClipFeatureExtractor', 'class_names', 'extract_feature_files',
    'inference', 'inference_localization', 'inference_recognition',
    'inference_sequence', 'init_model', 'model_task', 'video_length'
]
