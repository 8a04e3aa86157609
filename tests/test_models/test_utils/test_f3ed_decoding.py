import numpy as np
import pytest
import torch

from fga.models.utils import detect_events, resolve_elements, temporal_nms


def test_temporal_nms_keeps_window_minima_of_background():
    event = torch.tensor([0.1, 0.6, 0.9, 0.2, 0.2, 0.7, 0.3, 0.8, 0.4])
    # Frame 5 (0.7) sees frame 7 (0.8) within +-2; frame 7 wins its window.
    assert temporal_nms(1 - event, 5).nonzero().flatten().tolist() == [2, 7]
    # Ties all survive, as the reference's equality test keeps them.
    flat = torch.tensor([0.5, 0.5, 0.5])
    assert temporal_nms(flat, 5).tolist() == [True, True, True]
    assert temporal_nms(1 - event, 1).all()
    with pytest.raises(ValueError, match='odd'):
        temporal_nms(flat, 4)


def test_detect_events_needs_event_more_likely():
    p = torch.tensor([[0.3, 0.2, 0.6, 0.1, 0.1, 0.45, 0.1, 0.1]])
    probs = torch.stack([1 - p, p], -1)
    # 0.45 survives NMS but is no event (argmax is 'no event').
    assert temporal_nms(1 - p, 5)[0].nonzero().flatten().tolist() == [2, 5]
    assert detect_events(probs, 5)[0].nonzero().flatten().tolist() == [2]


def test_resolve_elements_groups_flags_and_unless():
    # Elements: 0 near, 1 far | 2 serve, 3 stroke | 4 fh, 5 bh (unless
    # serve) | 6 approach (flag).
    groups = [((0, 1), ()), ((2, 3), ()), ((4, 5), (2, ))]
    probs = np.array([
        [0.9, 0.2, 0.7, 0.1, 0.6, 0.9, 0.4],
        [0.1, 0.2, 0.3, 0.4, 0.6, 0.5, 0.51],
    ])
    out = resolve_elements(probs, groups, flags=[6])
    assert out.tolist() == [[1, 0, 1, 0, 0, 0, 0], [0, 1, 0, 1, 1, 0, 1]]
