import pytest
import torch

from fga.models import CoordCNN
from fga.models.backbones.coord_cnn import coordinate_channels


def test_coordinate_channels_run_from_minus_one_to_one():
    x = torch.full((2, 1, 3, 5), 7.0)
    out = coordinate_channels(x)
    assert out.shape == (2, 3, 3, 5)
    assert (out[:, 0] == 7).all()
    assert out[1, 1, 2].tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert out[0, 2, :, 4].tolist() == [-1.0, 0.0, 1.0]


@pytest.mark.parametrize('size, channels, stem, out_size', [
    ((64, 96), (32, 48), 4, (8, 12)),
    ((64, 96), (16, 24, 32), 2, (8, 12)),
    ((10, 14), (4, 8), 2, (3, 4)),
])
def test_output_stride(size, channels, stem, out_size):
    net = CoordCNN(channels=channels, stem_stride=stem).eval()
    out = net(torch.zeros(2, 3, *size))
    assert out.shape == (2, channels[-1], *out_size)
    assert net.out_channels == channels[-1]


def test_patch_stem_values():
    """One stage, one convolution: ReLU(BN(2x2 patch sums)) with identity
    BatchNorm statistics, and coordinates weighted in."""
    net = CoordCNN(in_channels=1, channels=(1, ), convs_per_stage=1,
                   stem_stride=2).eval()
    conv = net.layers[0]
    with torch.no_grad():
        conv.weight.zero_()
        conv.weight[0, 0] = 1.0  # image
        conv.weight[0, 1] = 0.25  # x coordinate, summed over the patch
    image = torch.arange(16.0).view(1, 1, 4, 4)
    out = net(image)
    # x coordinates of columns: -1, -1/3, 1/3, 1 -> patch sums of 0.25 * x:
    # left patches 0.25 * 2 * (-4/3), right ones 0.25 * 2 * (4/3).
    shift = 0.25 * 2 * 4 / 3
    expected = torch.tensor([[0 + 1 + 4 + 5 - shift, 2 + 3 + 6 + 7 + shift],
                             [8 + 9 + 12 + 13 - shift,
                              10 + 11 + 14 + 15 + shift]])
    eps = net.layers[1].eps
    assert torch.allclose(out[0, 0], expected / (1 + eps)**0.5, atol=1e-5)


def test_position_reaches_the_output():
    """A blank frame still gives a map that varies with position, and the
    same dot at two places gives different maps."""
    torch.manual_seed(0)
    net = CoordCNN(channels=(8, 8), stem_stride=2).eval()
    blank = net(torch.zeros(1, 3, 16, 16))
    assert not torch.allclose(blank[..., 0, 0], blank[..., -1, -1])
    a, b = torch.zeros(2, 1, 3, 16, 16)
    a[:, :, 2, 2] = 1
    b[:, :, 12, 12] = 1
    assert not torch.allclose(net(a), net(b))


def test_bad_arguments():
    with pytest.raises(ValueError, match='at least one stage'):
        CoordCNN(channels=())
    with pytest.raises(ValueError, match='stem stride'):
        CoordCNN(stem_stride=0)
