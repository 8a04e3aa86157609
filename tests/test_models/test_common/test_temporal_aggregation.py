"""bLVNet-TAM and temporal pooling of IBM's 2D backbones."""
import pytest
import torch

from fga.models.common import BLVNetTAM, TemporalPooling, pooled_frames


def ones_tam(frames, **kwargs):
    tam = BLVNetTAM(1, frames, **kwargs)
    for branch in tam.branches:
        torch.nn.init.ones_(branch.weight)
    return tam


def test_worked_example_of_the_design_doc():
    x = torch.arange(4.).view(4, 1, 1, 1)
    out = ones_tam(4)(x)
    assert out.flatten().tolist() == [1, 3, 6, 5]


def test_offsets_follow_branch_order_and_videos_stay_apart():
    tam = BLVNetTAM(1, 4, blending_frames=5)
    for scale, branch in zip([1., 10., 100., 1000., 10000.], tam.branches):
        torch.nn.init.constant_(branch.weight, scale)
    # two videos of 4 frames: the second one must not see the first
    x = torch.tensor([1., 2., 3., 4., 5., 6., 7., 8.]).view(8, 1, 1, 1)
    out = tam(x).flatten().tolist()
    # frame t: sum_i w_i * x[t + i - 2]
    assert out[0] == 100 * 1 + 1000 * 2 + 10000 * 3
    assert out[3] == 1 * 2 + 10 * 3 + 100 * 4
    assert out[4] == 100 * 5 + 1000 * 6 + 10000 * 7


def test_max_blending_and_relu():
    x = torch.tensor([-1., 2., -3., 0.]).view(4, 1, 1, 1)
    out = ones_tam(4, blending_method='max')(x).flatten().tolist()
    # max over (x[t-1], x[t], x[t+1]) with zeros outside, then ReLU
    assert out == [2, 2, 2, 0]


def test_depthwise_costs_r_times_c_parameters():
    assert sum(p.numel() for p in BLVNetTAM(64, 8).parameters()) == 192
    assert sum(
        p.numel()
        for p in BLVNetTAM(64, 8, depthwise=False).parameters()) == 3 * 64 * 64


def test_bad_options_and_frame_counts():
    with pytest.raises(ValueError, match='odd'):
        BLVNetTAM(4, 8, blending_frames=2)
    with pytest.raises(ValueError, match='blending_method'):
        BLVNetTAM(4, 8, blending_method='mean')
    with pytest.raises(ValueError, match='multiple of num_segments=8'):
        BLVNetTAM(4, 8)(torch.zeros(12, 4, 2, 2))
    with pytest.raises(ValueError, match='multiple of num_segments=8'):
        TemporalPooling(8)(torch.zeros(12, 4, 2, 2))


def test_temporal_pooling_halves_time_per_video():
    x = torch.tensor([1., 5., 2., 3., 7., 0., 0., 1., 9.,
                      4.]).view(10, 1, 1, 1)
    assert pooled_frames(5) == 3
    out = TemporalPooling(5, 'max')(x).flatten().tolist()
    # windows (pad, 0, 1), (1, 2, 3), (3, 4, pad) per 5-frame video
    assert out == [5, 5, 7, 0, 9, 9]
    avg = TemporalPooling(5, 'avg')(x).flatten()
    # padding counts in the average (nn.AvgPool3d's default)
    assert torch.allclose(avg, torch.tensor([6., 10., 10., 0., 10., 13.]) / 3)
