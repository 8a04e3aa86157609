from .clip_color_jitter import ClipColorJitter
from .clip_gaussian_blur import ClipGaussianBlur
from .load_clip_features import LoadClipFeatures
from .load_feature import LoadFeature
from .pack_event_sequence_inputs import PackEventSequenceInputs
from .pack_localization_features import PackLocalizationFeatures
from .pack_weak_localization_inputs import PackWeakLocalizationInputs
from .padded_decord_decode import PaddedDecordDecode
from .padded_raw_frame_decode import PaddedRawFrameDecode
from .random_feature_truncate import RandomFeatureTruncate
from .sample_event_window import SampleEventWindow

__all__ = [
    'ClipColorJitter', 'ClipGaussianBlur', 'LoadClipFeatures', 'LoadFeature',
    'PackEventSequenceInputs', 'PackLocalizationFeatures',
    'PackWeakLocalizationInputs',
    'PaddedDecordDecode', 'PaddedRawFrameDecode', 'RandomFeatureTruncate',
    'SampleEventWindow'
]
