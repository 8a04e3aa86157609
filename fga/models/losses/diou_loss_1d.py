import torch
from mmaction.registry import MODELS
from torch import nn

__all__ = ['diou_loss_1d', 'DIoULoss1D']


def diou_loss_1d(pred_offsets: torch.Tensor,
                 target_offsets: torch.Tensor,
                 eps: float = 1e-8) -> torch.Tensor:
    """Distance-IoU loss of 1-D segments that share a centre point, given
    as (left, right) distances from it.

    Shapes: (N, 2) and (N, 2) non-negative → (N,).
    """
    pred_offsets, target_offsets = pred_offsets.float(), target_offsets.float()
    lp, rp = pred_offsets[:, 0], pred_offsets[:, 1]
    lg, rg = target_offsets[:, 0], target_offsets[:, 1]
    inter = torch.min(lp, lg) + torch.min(rp, rg)
    union = (lp + rp) + (lg + rg) - inter
    iou = inter / union.clamp(min=eps)
    enclosing = torch.max(lp, lg) + torch.max(rp, rg)
    centre_distance = 0.5 * (rp - lp - rg + lg)
    return 1.0 - iou + torch.square(centre_distance / enclosing.clamp(min=eps))


@MODELS.register_module()
class DIoULoss1D(nn.Module):
    """Summed 1-D DIoU loss; zero (with a graph) without positives."""

    def forward(self, pred_offsets: torch.Tensor,
                target_offsets: torch.Tensor) -> torch.Tensor:
        if len(pred_offsets) == 0:
            return 0 * pred_offsets.sum()
        return diou_loss_1d(pred_offsets, target_offsets).sum()
