"""The flex_attention band (the CUDA path) equals the blockwise reference.
flex_attention runs eagerly on CPU in torch 2.13, so the same function is
checked here; on a GPU the compiled kernel is what differs."""
import pytest
import torch

from fga.models.common import LocalMaskedAttention
from fga.models.common.local_attention import flex_band_attention

pytest.importorskip('torch.nn.attention.flex_attention')


@pytest.mark.parametrize('length,half_window', [(37, 9), (80, 3)])
def test_flex_band_equals_blockwise(length, half_window):
    torch.manual_seed(0)
    attention = LocalMaskedAttention(16, 2, 2 * half_window + 1,
                                     block_size=16)
    q, k, v = (torch.randn(2, 2, length, 8) for _ in range(3))
    mask = torch.arange(length)[None] < torch.tensor([length,
                                                      length // 2])[:, None]
    expected = attention._local(q, k, v, mask)
    ours = flex_band_attention(q, k, v, mask, half_window)
    torch.testing.assert_close(ours, expected, atol=1e-5, rtol=1e-5)
    assert ours[1, :, length // 2:].abs().max() == 0
    # a key outside the band changes nothing
    k2 = k.clone()
    k2[:, :, -1] += 100
    far = flex_band_attention(q, k2, v, mask, half_window)
    torch.testing.assert_close(far[:, :, :length - 1 - half_window],
                               ours[:, :, :length - 1 - half_window])


def test_cpu_forward_keeps_the_blockwise_path():
    torch.manual_seed(0)
    attention = LocalMaskedAttention(16, 2, 7, block_size=8)
    x = torch.randn(1, 16, 20)
    mask = torch.ones(1, 20, dtype=torch.bool)
    reference = LocalMaskedAttention(16, 2, 7, block_size=8, flex=False)
    reference.load_state_dict(attention.state_dict())
    assert torch.equal(attention(x, mask)[0], reference(x, mask)[0])
