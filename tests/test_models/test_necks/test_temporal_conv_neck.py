import pytest
import torch
import torch.nn.functional as F

from fga.models import TemporalConvNeck
from fga.models.necks.temporal_conv_neck import spatial_soft_argmax


def _neck(kernel, num_layers=1):
    """1 value per frame, identity projection, the given temporal kernel."""
    neck = TemporalConvNeck(in_channels=1, out_channels=1,
                            kernel_size=len(kernel), num_layers=num_layers)
    with torch.no_grad():
        neck.proj.weight.fill_(1)
        neck.proj.bias.zero_()
        for conv in neck.temporal:
            conv.weight.copy_(torch.tensor(kernel).view(1, 1, -1))
            conv.bias.zero_()
    return neck


def test_projection_then_residual_temporal_conv():
    # Kernel [1, 0, 0]: each frame adds GELU of the previous frame.
    neck = _neck([1.0, 0.0, 0.0])
    x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).view(6, 1, 1, 1)
    out = neck(x, batch_size=2, num_frames=3)
    assert out.shape == (2, 3, 1)
    feats = F.gelu(x.view(2, 3))
    previous = torch.cat([torch.zeros(2, 1), feats[:, :-1]], dim=1)
    assert torch.allclose(out[..., 0], feats + F.gelu(previous))
    # The second clip's first frame sees zero padding, not the first clip.
    assert torch.allclose(out[1, 0, 0], F.gelu(torch.tensor(4.0)))


def test_flattening_keeps_position():
    neck = TemporalConvNeck(in_channels=2 * 2 * 3, out_channels=4,
                            num_layers=0)
    with torch.no_grad():
        neck.proj.weight.zero_()
        neck.proj.bias.zero_()
        # Output 0 reads channel 1, row 1, column 2 (index 6 + 3 + 2).
        neck.proj.weight[0, 11] = 1
    x = torch.zeros(2, 2, 2, 3)
    x[0, 1, 1, 2] = 3.0
    x[1, 1, 0, 0] = 3.0
    out = neck(x, batch_size=1, num_frames=2)
    assert torch.allclose(out[0, :, 0], F.gelu(torch.tensor([3.0, 0.0])))


def test_soft_argmax_finds_peaks():
    x = torch.full((2, 2, 3, 5), -30.0)
    x[0, 0, 2, 4] = 10.0  # bottom right
    x[0, 1, 0, 1] = 4.0  # top, second column
    x[1, 0, 1, :] = 0.0  # a whole middle row: expected x in the middle
    out = spatial_soft_argmax(x)
    assert out.shape == (2, 6)
    # (x of channels 0, 1), (y of channels 0, 1), (max of channels 0, 1)
    assert torch.allclose(out[0], torch.tensor([1.0, -0.5, 1.0, -1.0, 10.0,
                                                4.0]), atol=1e-4)
    assert torch.allclose(out[1, [0, 2, 4]], torch.tensor([0.0, 0.0, 0.0]),
                          atol=1e-4)
    # A flat map has its keypoint at the centre.
    assert torch.allclose(out[1, [1, 3, 5]], torch.tensor([0.0, 0.0, -30.0]),
                          atol=1e-4)


def test_soft_argmax_neck_sees_positions():
    neck = TemporalConvNeck(in_channels=3, out_channels=1, num_layers=0,
                            spatial='soft_argmax')
    with torch.no_grad():
        neck.proj.weight.copy_(torch.tensor([[1.0, 0.0, 0.0]]))
        neck.proj.bias.zero_()
    x = torch.full((2, 1, 4, 4), -30.0)
    x[0, 0, 1, 0] = 5.0  # left column
    x[1, 0, 2, 3] = 5.0  # right column
    out = neck(x, batch_size=1, num_frames=2)
    assert torch.allclose(out[0, :, 0], F.gelu(torch.tensor([-1.0, 1.0])),
                          atol=1e-4)


def test_bad_inputs():
    with pytest.raises(ValueError, match='spatial must be one of'):
        TemporalConvNeck(in_channels=4, spatial='avg')
    with pytest.raises(ValueError, match='odd'):
        TemporalConvNeck(in_channels=4, kernel_size=4)
    neck = TemporalConvNeck(in_channels=4, out_channels=2)
    with pytest.raises(ValueError, match=r'\(B\*T, C, h, w\)'):
        neck(torch.zeros(5, 1, 2, 2), batch_size=2, num_frames=3)
    with pytest.raises(ValueError,
                       match=r'\(flatten\) expects 4 values per frame'):
        neck(torch.zeros(6, 1, 3, 2), batch_size=2, num_frames=3)
