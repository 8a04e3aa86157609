"""ChannelLayerNorm equals the written-out formula (the release's steps)
and torch's LayerNorm over the channel axis."""
import torch
import torch.nn.functional as F

from fga.models.common import ChannelLayerNorm


def _release_style(x, weight, bias, eps):
    centred = x - x.mean(dim=1, keepdim=True)
    variance = (centred**2).mean(dim=1, keepdim=True)
    out = centred / torch.sqrt(variance + eps)
    return out * weight + bias


def test_matches_the_formula_to_1e6():
    torch.manual_seed(0)
    norm = ChannelLayerNorm(48)
    with torch.no_grad():
        norm.weight.normal_()
        norm.bias.normal_()
    x = torch.randn(2, 48, 37) * 3 + torch.randn(2, 1, 37) * 5
    with torch.no_grad():
        out = norm(x)
    expected = _release_style(x, norm.weight, norm.bias, norm.eps)
    torch.testing.assert_close(out, expected, atol=1e-6, rtol=1e-6)
    torch.testing.assert_close(
        out,
        F.layer_norm(x.transpose(1, 2), (48, ), norm.weight.flatten(),
                     norm.bias.flatten()).transpose(1, 2), atol=1e-5,
        rtol=1e-5)
    assert out.is_contiguous()


def test_gradients_match_the_formula():
    torch.manual_seed(1)
    norm = ChannelLayerNorm(8)
    x = torch.randn(1, 8, 5, requires_grad=True)
    norm(x).square().sum().backward()
    ours = (x.grad.clone(), norm.weight.grad.clone())
    x.grad = None
    norm.weight.grad = None
    _release_style(x, norm.weight, norm.bias, norm.eps).square().sum(
    ).backward()
    torch.testing.assert_close(ours[0], x.grad, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(ours[1], norm.weight.grad, atol=1e-5,
                               rtol=1e-5)
