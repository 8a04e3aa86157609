import pytest
import torch

from fga.models.losses import (DIoULoss1D, SigmoidFocalLoss1D, diou_loss_1d,
                               sigmoid_focal_loss)


def test_sigmoid_focal_loss_values():
    loss = sigmoid_focal_loss(torch.tensor([0., 2., -2.]),
                              torch.tensor([1., 0., 1.]))
    assert loss.tolist() == pytest.approx([0.043322, 1.237559, 0.412520],
                                          abs=1e-6)
    assert SigmoidFocalLoss1D()(torch.tensor([0., 2., -2.]),
                                torch.tensor([1., 0., 1.])).item() == \
        pytest.approx(1.693401, abs=1e-5)


def test_diou_loss_values():
    loss = diou_loss_1d(torch.tensor([[1., 1.], [2., 1.], [0.5, 3.]]),
                        torch.tensor([[1., 1.], [1., 1.], [1., 2.]]))
    assert loss.tolist() == pytest.approx([0, 0.361111, 0.410156], abs=1e-6)


def test_diou_loss_without_positives_keeps_the_graph():
    pred = torch.zeros(0, 2, requires_grad=True)
    loss = DIoULoss1D()(pred, torch.zeros(0, 2))
    assert loss.item() == 0 and loss.requires_grad
