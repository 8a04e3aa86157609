"""The cached cross-attention reproduces ``nn.TransformerDecoder`` bit for
bit, and F3AST's search gives the same answers with and without it."""
import pytest
import torch
import torch.nn as nn

from fga.models import F3ASTHead
from fga.models.common.memory_cache import (cached_decoder_forward,
                                            project_memory)
from fga.models.utils import best_first_decode


def _causal(length):
    return torch.triu(torch.full((length, length), float('-inf')), 1)


@pytest.mark.parametrize('heads', [1, 4])
def test_cached_decoder_equals_the_module(heads):
    torch.manual_seed(0)
    decoder = nn.TransformerDecoder(
        nn.TransformerDecoderLayer(16, heads, 32, 0.1, activation='gelu',
                                   batch_first=True), 2).eval()
    memory = torch.randn(3, 7, 16)
    valid = torch.ones(3, 7, dtype=torch.bool)
    valid[1, 5:] = False
    padding = torch.zeros(3, 7).masked_fill(~valid, float('-inf'))
    rows = torch.tensor([2, 0, 1, 1, 2])
    x = torch.randn(5, 4, 16)
    with torch.no_grad():
        expected = decoder(x, memory[rows], tgt_mask=_causal(4),
                           memory_key_padding_mask=padding[rows])
        cached = cached_decoder_forward(decoder, x, _causal(4),
                                        project_memory(decoder, memory), rows,
                                        padding[rows])
    assert torch.equal(cached, expected)
    assert not torch.equal(cached[1], cached[2])


def test_cache_rejects_pre_norm_layers():
    decoder = nn.TransformerDecoder(
        nn.TransformerDecoderLayer(8, 2, 16, batch_first=True,
                                   norm_first=True), 1)
    with pytest.raises(ValueError, match='post-LN'):
        project_memory(decoder, torch.randn(1, 3, 8))


def test_f3ast_search_with_and_without_the_cache():
    torch.manual_seed(1)
    head = F3ASTHead(in_channels=12, num_classes=5, clip_len=10, d_model=16,
                     num_heads=4, ffn_channels=32, max_seq_len=8,
                     max_queue=60).eval()
    with torch.no_grad():
        head.classifier.bias[2] -= 1.0  # longer searches, more rounds
        feats = torch.randn(4, 10, 12)
        valid = torch.ones(4, 10, dtype=torch.bool)
        valid[3, 6:] = False
        memory = head.encode(feats, valid)
        cached = head.decode(memory, valid)
        uncached = best_first_decode(
            lambda p, r: head.decode_logits(p, memory[r], valid[r],
                                            hide_pad_tokens=False),
            4, head.vocab_size, memory.device, width=head.beam_width,
            max_length=head.max_seq_len, max_queue=head.max_queue)
    assert [t for t, _ in cached] == [t for t, _ in uncached]
    assert max(len(t) for t, _ in cached) > 2
    for (_, a), (_, b) in zip(cached, uncached):
        assert torch.equal(a, b)
