from .clip_color_jitter import ClipColorJitter
from .clip_gaussian_blur import ClipGaussianBlur
from .load_feature import LoadFeature
from .pack_event_sequence_inputs import PackEventSequenceInputs
from .pack_localization_features import PackLocalizationFeatures
from .padded_decord_decode import PaddedDecordDecode
from .padded_raw_frame_decode import PaddedRawFrameDecode
from .random_feature_truncate import RandomFeatureTruncate
from .sample_event_window import SampleEventWindow

__all__ = [
    'ClipColorJitter', 'ClipGaussianBlur', 'LoadFeature',
    'PackEventSequenceInputs', 'PackLocalizationFeatures',
    'PaddedDecordDecode', 'PaddedRawFrameDecode', 'RandomFeatureTruncate',
    'SampleEventWindow'
]
