from .diou_loss_1d import DIoULoss1D, diou_loss_1d
from .sigmoid_focal_loss_1d import SigmoidFocalLoss1D, sigmoid_focal_loss

__all__ = [
    'DIoULoss1D', 'SigmoidFocalLoss1D', 'diou_loss_1d', 'sigmoid_focal_loss'
]
