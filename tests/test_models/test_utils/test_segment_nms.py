"""(Soft-)NMS against the ActionFormer C++ extension's values (design doc
table: segments [0,10], [1,11], [20,30], [0,5]; scores .9 .8 .7 .6)."""
import pytest
import torch

from fga.models.utils import batched_nms_1d, nms_1d, soft_nms_1d

SEGMENTS = torch.tensor([[0., 10.], [1., 11.], [20., 30.], [0., 5.]])
SCORES = torch.tensor([.9, .8, .7, .6])


def test_hard_nms_uses_the_1e6_lengths():
    # [0,5] vs [0,10] has IoU 0.4999999 < 0.5 and survives
    assert nms_1d(SEGMENTS, SCORES, 0.5).tolist() == [0, 2, 3]


def test_linear_soft_nms():
    index, segments, scores = soft_nms_1d(SEGMENTS, SCORES, 0.5, 0.5, 0.001,
                                          'linear')
    assert index.tolist() == [0, 2, 3, 1]
    torch.testing.assert_close(scores,
                               torch.tensor([.9, .7, .6, .8 * (1 - 9 / 11)]))
    torch.testing.assert_close(segments, SEGMENTS[[0, 2, 3, 1]])


def test_gaussian_soft_nms_divides_by_sigma_and_ignores_threshold():
    index, _, scores = soft_nms_1d(SEGMENTS, SCORES, 0.5, 0.5, 0.001)
    assert index.tolist() == [0, 2, 3, 1]
    expected = torch.tensor([
        .9, .7, .6 * torch.exp(torch.tensor(-0.5)).item(),
        .8 * torch.exp(torch.tensor(-(9 / 11)**2 / .5)).item() *
        torch.exp(torch.tensor(-(4 / 11)**2 / .5)).item()
    ])
    torch.testing.assert_close(scores, expected)
    assert scores[2].item() == pytest.approx(0.36392, abs=1e-5)
    assert scores[3].item() == pytest.approx(0.16098, abs=1e-5)


def test_soft_nms_drops_scores_below_min_score():
    index, _, _ = soft_nms_1d(SEGMENTS, torch.tensor([.9, .002, .7, .6]), 0.5,
                              0.5, 0.001)
    assert index.tolist() == [0, 2, 3]


def test_soft_nms_cap_gives_the_same_prefix():
    torch.manual_seed(0)
    starts = torch.rand(300) * 100
    segments = torch.stack([starts, starts + torch.rand(300) * 20], 1)
    scores = torch.rand(300)
    full = soft_nms_1d(segments, scores, 0.1, 0.5, 0.001)
    capped = soft_nms_1d(segments, scores, 0.1, 0.5, 0.001, max_num=50)
    assert capped[0].tolist() == full[0][:50].tolist()
    torch.testing.assert_close(capped[2], full[2][:50])


def test_multiclass_nms_without_voting():
    segments, scores, labels = batched_nms_1d(SEGMENTS, SCORES,
                                              torch.tensor([0, 0, 1, 1]), 0.1,
                                              0.001, 200)
    torch.testing.assert_close(segments, SEGMENTS[[0, 2, 3, 1]])
    torch.testing.assert_close(scores,
                               torch.tensor([.9, .7, .6, .2097]),
                               atol=1e-4, rtol=0)
    assert labels.tolist() == [0, 1, 1, 0]


def test_class_agnostic_nms_with_voting():
    segments, scores, _ = batched_nms_1d(SEGMENTS, SCORES,
                                         torch.tensor([0, 0, 1, 1]), 0.1,
                                         0.001, 200, multiclass=False,
                                         voting_thresh=0.7)
    torch.testing.assert_close(
        segments,
        torch.tensor([[0.4211, 10.4211], [20., 30.], [0., 5.],
                      [0.5207, 10.5207]]), atol=1e-4, rtol=0)
    torch.testing.assert_close(scores, torch.tensor([.9, .7, .36392, .16098]),
                               atol=1e-5, rtol=0)


def test_caps_and_empty_input():
    segments, scores, labels = batched_nms_1d(SEGMENTS, SCORES,
                                              torch.tensor([0, 0, 1, 1]), 0.1,
                                              0.001, 2)
    assert len(scores) == 2 and scores.tolist() == pytest.approx([.9, .7])
    empty = batched_nms_1d(torch.zeros(0, 2), torch.zeros(0),
                           torch.zeros(0, dtype=torch.long), 0.1, 0.001, 200)
    assert [len(x) for x in empty] == [0, 0, 0]


def test_hard_variant_prefilters_by_min_score():
    segments, scores, _ = batched_nms_1d(SEGMENTS,
                                         torch.tensor([.9, .8, .7, .0005]),
                                         torch.zeros(4, dtype=torch.long),
                                         0.5, 0.001, 200, use_soft_nms=False)
    assert scores.tolist() == pytest.approx([.9, .7])


def test_unknown_method():
    with pytest.raises(ValueError, match='unknown Soft-NMS method'):
        soft_nms_1d(SEGMENTS, SCORES, 0.5, 0.5, 0.001, 'cubic')
