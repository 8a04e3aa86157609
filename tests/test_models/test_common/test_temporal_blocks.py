import pytest
import torch

from fga.models.common import (LocalMaskedAttention, MaskedConv1d,
                               TemporalTransformerBlock)
from fga.models.utils import sinusoid_table


def _mask(lengths, total):
    return torch.arange(total)[None] < torch.tensor(lengths)[:, None]


@pytest.mark.parametrize('stride,length', [(1, 100), (2, 144), (1, 37)])
def test_blockwise_band_equals_dense_band(stride, length):
    torch.manual_seed(0)
    blockwise = LocalMaskedAttention(32, 4, 19, stride, block_size=16)
    dense = LocalMaskedAttention(32, 4, 19, stride, dense=True)
    dense.load_state_dict(blockwise.state_dict())
    x = torch.randn(2, 32, length)
    mask = _mask([length, length // 2], length)
    out_a, mask_a = blockwise(x, mask)
    out_b, mask_b = dense(x, mask)
    torch.testing.assert_close(out_a, out_b, atol=1e-5, rtol=0)
    assert torch.equal(mask_a, mask_b)
    if stride == 2:
        assert torch.equal(mask_a, mask[..., ::2])


def test_band_limits_the_receptive_field():
    torch.manual_seed(0)
    attn = LocalMaskedAttention(8, 2, 5)
    x = torch.randn(1, 8, 40)
    mask = _mask([40], 40)
    base, _ = attn(x, mask)
    changed = x.clone()
    changed[..., 30] += 10
    out, _ = attn(changed, mask)
    # depthwise conv (k3) + window 5: positions 30 ± 3 may change
    diff = (out - base).abs().sum(1)[0]
    changed_steps = torch.nonzero(diff > 1e-6).flatten().tolist()
    assert changed_steps == list(range(27, 34))


def test_padded_steps_are_zero_and_gradients_finite():
    torch.manual_seed(0)
    block = TemporalTransformerBlock(16, 2, 19, stride=2, drop_path=0.1)
    x = torch.randn(2, 16, 130, requires_grad=True)
    out, out_mask = block(x, _mask([130, 50], 130))
    assert out.shape == (2, 16, 65)
    assert out[1, :, 25:].abs().max() == 0
    out.sum().backward()
    assert torch.isfinite(x.grad).all()


def test_masked_conv_rejects_indivisible_lengths():
    conv = MaskedConv1d(4, 4, 3, stride=2)
    with pytest.raises(ValueError, match='not divisible by the stride 2'):
        conv(torch.randn(1, 4, 7), _mask([7], 7))


def test_sinusoid_table():
    table = sinusoid_table(10, 6)
    assert table.shape == (1, 6, 10)
    assert table[0, 0, 3].item() == pytest.approx(torch.sin(
        torch.tensor(3.)).item())
    assert table[0, 3, 4].item() == pytest.approx(
        torch.cos(torch.tensor(4 / 10000**(2 / 6))).item())
