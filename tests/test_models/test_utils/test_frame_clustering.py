import pytest
import torch

from fga.models.utils import (cluster_means, consecutive_hamming,
                              cumulative_clusters, slope_clusters)


def test_hamming_on_codes():
    x = torch.tensor([[1., 0., 2., 0.], [1., 1., 0., 0.], [1., 1., 0., 0.]])
    assert consecutive_hamming(x).tolist() == [0.5, 0.0]


def test_slope_cuts_at_the_largest_changes_later_on_ties():
    d = torch.tensor([0.1, 0.5, 0.1, 0.5, 0.2, 0.0, 0.9])
    assert slope_clusters(d, 3).tolist() == [0, 0, 0, 0, 1, 1, 1, 2]
    assert slope_clusters(d, 8).tolist() == list(range(8))


def test_cumulative_follows_the_reference_rule():
    d = torch.tensor([0.1, 0.5, 0.1, 0.5, 0.2, 0.0, 0.9])
    # D = 0, .1, .6, .7, 1.2, 1.4, 1.4, 2.3; step 2.3 / 4
    assert cumulative_clusters(d, 4).tolist() == [0, 0, 1, 1, 2, 2, 2, 3]


def test_cumulative_fixes_the_reference_bugs():
    # one jump worth several steps: the reference emits fewer clusters
    jump = torch.tensor([0., 0., 0., 10., 0., 0., 0.])
    labels = cumulative_clusters(jump, 4)
    assert labels.unique().tolist() == [0, 1, 2, 3]
    assert (labels.diff() >= 0).all()
    # no change at all: equal chunks instead of only the first g frames
    assert cumulative_clusters(torch.zeros(6), 3).tolist() == [
        0, 0, 0, 1, 1, 2, 2]
    with pytest.raises(ValueError, match='cannot cut 4 frames into 8'):
        cumulative_clusters(torch.zeros(3), 8)


@pytest.mark.parametrize('assign', [cumulative_clusters, slope_clusters])
def test_every_frame_receives_gradient(assign):
    torch.manual_seed(0)
    x = torch.randn(32, 8, 4, 4, requires_grad=True)
    labels = assign(consecutive_hamming(torch.relu(x)), 16)
    assert labels.unique().tolist() == list(range(16))
    out = cluster_means(x, labels, 16)
    assert out.shape == (16, 8, 4, 4)
    out.sum().backward()
    grads = x.grad.flatten(1)[:, 0]
    sizes = torch.bincount(labels)[labels].float()
    torch.testing.assert_close(grads, 1 / sizes)
    last = labels[-1]
    torch.testing.assert_close(out[last], x[labels == last].mean(0))
