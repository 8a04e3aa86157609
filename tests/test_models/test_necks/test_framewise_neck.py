import pytest
import torch

from fga.models import FramewiseNeck


def test_2d_features_fold_back_into_frames():
    x = torch.arange(2 * 3 * 4, dtype=torch.float).view(6, 4, 1, 1)
    x = x.expand(6, 4, 2, 2)
    out = FramewiseNeck()(x, batch_size=2, num_frames=3)
    assert out.shape == (2, 3, 4)
    assert out[1, 2].tolist() == [20.0, 21.0, 22.0, 23.0]


def test_3d_features_upsampled_in_time():
    x = torch.tensor([0.0, 4.0]).view(1, 1, 2, 1, 1).expand(1, 1, 2, 3, 3)
    out = FramewiseNeck(align_corners=True)(x, batch_size=1, num_frames=5)
    assert out[0, :, 0].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_bad_shapes():
    with pytest.raises(ValueError, match='do not fold'):
        FramewiseNeck()(torch.zeros(5, 2, 1, 1), batch_size=2, num_frames=3)
    with pytest.raises(ValueError, match='4D or 5D'):
        FramewiseNeck()(torch.zeros(5, 2), batch_size=1, num_frames=5)


def test_flatten_keeps_positions():
    x = torch.zeros(1, 2, 3, 2, 2)  # (B, C, t, h, w)
    x[0, 1, :, 1, 0] = 5.0
    out = FramewiseNeck(spatial='flatten')(x, batch_size=1, num_frames=3)
    assert out.shape == (1, 3, 8)
    # channel 1, row 1, column 0 -> index 1 * 4 + 1 * 2 + 0
    assert out[0, :, 6].tolist() == [5.0, 5.0, 5.0]
    assert out[0, :, :6].abs().sum() == 0
    with pytest.raises(ValueError, match="'avg' or 'flatten'"):
        FramewiseNeck(spatial='max')
