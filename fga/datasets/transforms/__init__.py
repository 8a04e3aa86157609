from .clip_color_jitter import ClipColorJitter
from .clip_gaussian_blur import ClipGaussianBlur
from .pack_event_sequence_inputs import PackEventSequenceInputs
from .padded_decord_decode import PaddedDecordDecode
from .padded_raw_frame_decode import PaddedRawFrameDecode
from .sample_event_window import SampleEventWindow

__all__ = [
    'ClipColorJitter', 'ClipGaussianBlur', 'PackEventSequenceInputs',
    'PaddedDecordDecode', 'PaddedRawFrameDecode', 'SampleEventWindow'
]
