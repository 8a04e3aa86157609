from .sequence_decoding import (beam_decode, best_first_decode, greedy_decode,
                                length_score)
from .transformer import PostNormEncoderLayer

__all__ = [
    'PostNormEncoderLayer', 'beam_decode', 'best_first_decode',
    'greedy_decode', 'length_score'
]
