"""Decoding strategies on a hand-made next-token table, where the right
answers can be worked out by hand."""
import math

import pytest
import torch

from fga.models.utils import (beam_decode, best_first_decode, greedy_decode,
                              length_score)

V = 6  # pad, start, end, a(3), b(4), c(5)


def table_step(table):
    """``step`` whose next-token distribution depends only on the prefix's
    last token: ``table[last] -> probabilities over V``."""

    def step(prefixes, rows):
        probs = torch.stack([torch.tensor(table[p[-1].item()]) for p in
                             _last_tokens(prefixes)])
        logits = probs.clamp_min(1e-9).log()
        return logits[:, None, :].expand(-1, prefixes.shape[1], -1).clone()

    return step


def _last_tokens(prefixes):
    # right-padded with 0: the last non-pad token of each prefix
    lengths = (prefixes != 0).sum(1)
    return [prefixes[i, lengths[i] - 1:lengths[i]] for i in range(
        len(prefixes))]


TABLE = {
    1: [0, 0, 0.1, 0.6, 0.3, 0.0],   # start -> a likely
    3: [0, 0, 0.2, 0.1, 0.7, 0.0],   # a -> b likely
    4: [0, 0, 0.9, 0.05, 0.05, 0.0],  # b -> end
    5: [0, 0, 1.0, 0, 0, 0],
    2: [0, 0, 1.0, 0, 0, 0],
}


@pytest.mark.parametrize('decode', [best_first_decode, greedy_decode,
                                    beam_decode])
def test_decoders_find_the_likely_sequence(decode):
    out = decode(table_step(TABLE), 2, V, 'cpu', max_length=10)
    for tokens, rows in out:
        assert tokens == [1, 3, 4, 2]
        assert rows.shape == (4, V)
        assert rows[0].tolist() == [0, 1, 0, 0, 0, 0]
        assert rows[2, 4].item() == pytest.approx(0.7)


def test_best_first_prefers_length_normalised_score():
    # start -> end directly has p 0.1 (score log 0.1 = -2.30); the path
    # a, b, end has p 0.6 * 0.7 * 0.9 = 0.378 over length 4:
    # log(0.378) / (3 ** 0.1) = -0.872, so the longer sequence wins.
    assert length_score(math.log(0.378), 4) > length_score(math.log(0.1), 2)
    tokens, _ = best_first_decode(table_step(TABLE), 1, V, 'cpu')[0]
    assert tokens == [1, 3, 4, 2]


def test_best_first_gives_up_at_the_cap():
    loop = {1: [0, 0, 0, 1.0, 0, 0], 3: [0, 0, 0, 1.0, 0, 0]}
    tokens, rows = best_first_decode(table_step(loop), 1, V, 'cpu',
                                     max_length=5, width=2)[0]
    # Never ends: the search stops once a popped prefix exceeds 5 tokens
    # and returns the best queued prefix, without an end token.
    assert 2 not in tokens and len(tokens) >= 6
    assert len(rows) == len(tokens)


def test_greedy_stops_at_max_length():
    loop = {1: [0, 0, 0, 1.0, 0, 0], 3: [0, 0, 0, 1.0, 0, 0]}
    tokens, _ = greedy_decode(table_step(loop), 1, V, 'cpu',
                              max_length=4)[0]
    assert tokens == [1, 3, 3, 3]
