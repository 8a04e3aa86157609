"""Point generation and label assignment (design doc §2.4 / §3.1)."""
import pytest
import torch

from fga.models.utils import assign_points, pyramid_points

STRIDES = [1, 2, 4, 8, 16, 32]
RANGES = [(0, 4), (4, 8), (8, 16), (16, 32), (32, 64), (64, 10000)]


@pytest.fixture(scope='module')
def points():
    return torch.cat(pyramid_points([2304 // s for s in STRIDES], STRIDES,
                                    RANGES))


def test_points(points):
    assert points.shape == (4536, 4)
    assert points[:2].tolist() == [[0, 0, 4, 1], [1, 0, 4, 1]]
    assert points[-72].tolist() == [0, 64, 10000, 32]


@pytest.mark.parametrize('segments,labels,positions,targets,classes', [
    ([[100, 102]], [7], [(101, 1)], [(1.0, 1.0)], [[7]]),
    ([[10, 30]], [3], [(16, 4), (20, 4), (24, 4)],
     [(1.5, 3.5), (2.5, 2.5), (3.5, 1.5)], [[3]] * 3),
    ([[500, 900]], [12], [(672, 32), (704, 32), (736, 32)],
     [(5.375, 7.125), (6.375, 6.125), (7.375, 5.125)], [[12]] * 3),
    ([[40, 44], [40, 44]], [4, 7], [(41, 1), (42, 1), (43, 1)],
     [(1, 3), (2, 2), (3, 1)], [[4, 7]] * 3),
    ([[4.1, 4.3]], [0], [], [], []),
])
def test_assignment(points, segments, labels, positions, targets, classes):
    cls, reg = assign_points(points, torch.tensor(segments),
                             torch.tensor(labels), 20)
    positive = cls.sum(1) > 0
    assert [(int(t), int(s)) for t, s in points[positive][:, [0, 3]]
            ] == positions
    assert reg[positive].tolist() == [list(t) for t in targets]
    assert [torch.nonzero(c).flatten().tolist()
            for c in cls[positive]] == classes
    assert cls.max() <= 1


def test_shortest_segment_wins(points):
    cls, reg = assign_points(points, torch.tensor([[0., 40.], [18., 22.]]),
                             torch.tensor([1, 2]), 3)
    # point 20 at stride 4 (range 8-16) regresses the long segment? no: its
    # reach 20 is out of range; the short one is taken at stride 1..2
    level0 = cls[:2304]
    assert level0[20].tolist() == [0, 0, 1]
    assert reg[20].tolist() == [2.0, 2.0]


def test_no_ground_truth(points):
    cls, reg = assign_points(points, torch.zeros(0, 2),
                             torch.zeros(0, dtype=torch.long), 5)
    assert cls.shape == (4536, 5) and cls.sum() == 0 and reg.sum() == 0


def test_center_sampling_none(points):
    cls, _ = assign_points(points, torch.tensor([[10., 13.]]),
                           torch.tensor([0]), 1, center_sample='none')
    assert torch.nonzero(cls[:2304, 0]).flatten().tolist() == [11, 12]
    with pytest.raises(ValueError, match='center_sample'):
        assign_points(points, torch.tensor([[10., 13.]]), torch.tensor([0]),
                      1, center_sample='box')
