import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from torch import nn

__all__ = ['sigmoid_focal_loss', 'SigmoidFocalLoss1D']


def sigmoid_focal_loss(logits: torch.Tensor,
                       targets: torch.Tensor,
                       alpha: float = 0.25,
                       gamma: float = 2.0) -> torch.Tensor:
    """Element-wise sigmoid focal loss (RetinaNet), computed in float32:
    ``alpha_t · (1 - p_t)^gamma · BCE`` with soft targets allowed.

    Shapes: logits and targets (...), returns (...).
    """
    logits, targets = logits.float(), targets.float()
    prob = torch.sigmoid(logits)
    bce = F.binary_cross_entropy_with_logits(logits, targets,
                                             reduction='none')
    p_t = prob * targets + (1 - prob) * (1 - targets)
    loss = bce * (1 - p_t)**gamma
    if alpha >= 0:
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    return loss


@MODELS.register_module()
class SigmoidFocalLoss1D(nn.Module):
    """Summed sigmoid focal loss over points × classes (normalisation is
    left to the caller, which divides by its running positive count)."""

    def __init__(self, alpha: float = 0.25, gamma: float = 2.0) -> None:
        super().__init__()
        self.alpha = alpha
        self.gamma = gamma

    def forward(self, logits: torch.Tensor,
                targets: torch.Tensor) -> torch.Tensor:
        return sigmoid_focal_loss(logits, targets, self.alpha,
                                  self.gamma).sum()
