from .event_targets import frame_event_targets
from .sequence_decoding import (beam_decode, best_first_decode, greedy_decode,
                                length_score)
from .transformer import PostNormEncoderLayer

__all__ = [
    'PostNormEncoderLayer', 'beam_decode', 'best_first_decode',
    'frame_event_targets', 'greedy_decode', 'length_score'
]
