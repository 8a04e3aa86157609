import math
from typing import Dict, List, Optional, Sequence, Tuple

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from mmengine.structures import InstanceData
from torch import nn

from fga.annotations.features import (grid_geometry, grid_to_seconds,
                                      seconds_to_grid)
from ..common import ChannelLayerNorm, MaskedConv1d, Scale
from ..utils.point_targets import (assign_points, decode_segments,
                                   pyramid_points)
from ..utils.segment_nms import batched_nms_1d

DEFAULT_REGRESSION_RANGES = ((0, 4), (4, 8), (8, 16), (16, 32), (32, 64),
                             (64, 10000))
# Decoding and NMS (see ``predict``); the release's THUMOS14 values.
DEFAULT_TEST_CFG = dict(
    pre_nms_thresh=0.001,
    pre_nms_topk=2000,
    duration_thresh=0.05,
    nms_method='soft',
    iou_threshold=0.1,
    min_score=0.001,
    max_seg_num=200,
    multiclass_nms=True,
    sigma=0.5,
    voting_thresh=0.7)


class _SharedConvTower(nn.Module):
    """(num_layers - 1) × [masked conv → LN → ReLU], shared across levels."""

    def __init__(self, in_channels: int, feat_channels: int, num_layers: int,
                 kernel_size: int, with_ln: bool) -> None:
        super().__init__()
        self.head = nn.ModuleList()
        self.norm = nn.ModuleList()
        for i in range(num_layers - 1):
            self.head.append(
                MaskedConv1d(in_channels if i == 0 else feat_channels,
                             feat_channels, kernel_size, bias=not with_ln))
            self.norm.append(
                ChannelLayerNorm(feat_channels) if with_ln else nn.Identity())
        self.act = nn.ReLU()

    def tower(self, x: torch.Tensor,
              valid_mask: torch.Tensor) -> torch.Tensor:
        for conv, norm in zip(self.head, self.norm):
            x = self.act(norm(conv(x, valid_mask)[0]))
        return x


class _ClassificationBranch(_SharedConvTower):

    def __init__(self, in_channels, feat_channels, num_classes, num_layers,
                 kernel_size, with_ln, prior_prob, empty_classes):
        super().__init__(in_channels, feat_channels, num_layers, kernel_size,
                         with_ln)
        self.cls_head = MaskedConv1d(feat_channels, num_classes, kernel_size)
        if prior_prob > 0:
            nn.init.constant_(self.cls_head.conv.bias,
                              -math.log((1 - prior_prob) / prior_prob))
        # Classes without training examples keep a near-zero prior.
        with torch.no_grad():
            for c in empty_classes:
                self.cls_head.conv.bias[c] = -math.log((1 - 1e-6) / 1e-6)

    def forward(self, feats, valid_mask):
        return [
            self.cls_head(self.tower(x, m), m)[0]
            for x, m in zip(feats, valid_mask)
        ]


class _RegressionBranch(_SharedConvTower):

    def __init__(self, in_channels, feat_channels, num_levels, num_layers,
                 kernel_size, with_ln):
        super().__init__(in_channels, feat_channels, num_layers, kernel_size,
                         with_ln)
        self.scale = nn.ModuleList([Scale() for _ in range(num_levels)])
        self.offset_head = MaskedConv1d(feat_channels, 2, kernel_size)

    def forward(self, feats, valid_mask):
        return [
            torch.relu(scale(self.offset_head(self.tower(x, m), m)[0]))
            for x, m, scale in zip(feats, valid_mask, self.scale)
        ]


@MODELS.register_module()
class ActionFormerHead(BaseModule):
    """ActionFormer's shared classification and regression heads, label
    assignment, losses and decoding.

    Args:
        num_classes: action classes (sigmoid outputs, no background).
        in_channels: pyramid channels (512).
        feat_channels: head width (512).
        strides: level strides in grid units (1, 2, ..., 32).
        regression_ranges: per level, inclusive range of the longer
            boundary distance a point regresses.
        num_layers: convs per branch including the predictor (3).
        kernel_size: head kernel (3).
        with_ln: LayerNorm in the towers.
        prior_prob: initial foreground probability (0.01).
        empty_classes: classes whose prior is set to 1e-6.
        center_sample / center_radius: positive-point rule.
        loss_cls / loss_reg: the focal and DIoU losses.
        loss_weight: regression weight; ≤ 0 balances it to the
            classification loss each step.
        init_loss_norm: initial value of the running positive count that
            normalises both losses (momentum 0.9); kept as a buffer so a
            resumed run continues exactly.
        label_smoothing: ε of y ← y(1-ε) + ε/(C+1).
        test_cfg: decoding and NMS settings overriding
            :data:`DEFAULT_TEST_CFG` (see ``predict``).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int = 512,
                 feat_channels: int = 512,
                 strides: Sequence[int] = (1, 2, 4, 8, 16, 32),
                 regression_ranges: Sequence[Tuple[float, float]] = (
                     DEFAULT_REGRESSION_RANGES),
                 num_layers: int = 3,
                 kernel_size: int = 3,
                 with_ln: bool = True,
                 prior_prob: float = 0.01,
                 empty_classes: Sequence[int] = (),
                 center_sample: str = 'radius',
                 center_radius: float = 1.5,
                 loss_cls: dict = dict(type='SigmoidFocalLoss1D'),
                 loss_reg: dict = dict(type='DIoULoss1D'),
                 loss_weight: float = 1.0,
                 init_loss_norm: float = 100.0,
                 label_smoothing: float = 0.0,
                 test_cfg: Optional[dict] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if len(strides) != len(regression_ranges):
            raise ValueError(f'{len(strides)} pyramid levels but '
                             f'{len(regression_ranges)} regression ranges')
        self.num_classes = num_classes
        self.strides = list(strides)
        self.regression_ranges = [tuple(r) for r in regression_ranges]
        self.center_sample = center_sample
        self.center_radius = center_radius
        self.loss_weight = loss_weight
        self.label_smoothing = label_smoothing
        self.loss_momentum = 0.9
        self.register_buffer('loss_normalizer',
                             torch.tensor(float(init_loss_norm)))
        self.cls_head = _ClassificationBranch(in_channels, feat_channels,
                                              num_classes, num_layers,
                                              kernel_size, with_ln,
                                              prior_prob, empty_classes)
        self.reg_head = _RegressionBranch(in_channels, feat_channels,
                                          len(strides), num_layers,
                                          kernel_size, with_ln)
        self.loss_cls = MODELS.build(loss_cls)
        self.loss_reg = MODELS.build(loss_reg)
        unknown = set(test_cfg or {}) - set(DEFAULT_TEST_CFG)
        if unknown:
            raise ValueError(f'unknown test_cfg keys {sorted(unknown)}; '
                             f'expected some of {sorted(DEFAULT_TEST_CFG)}')
        self.test_cfg = dict(DEFAULT_TEST_CFG, **(test_cfg or {}))

    def forward(self, feats: Sequence[torch.Tensor],
                valid_mask: Sequence[torch.Tensor]
                ) -> Tuple[List[torch.Tensor], List[torch.Tensor]]:
        """Per level: logits (B, T_l, C) and offsets (B, T_l, 2) in stride
        units, from features (B, C, T_l) and valid masks (B, T_l)."""
        if len(feats) != len(self.strides):
            raise ValueError(f'the head has {len(self.strides)} levels, got '
                             f'{len(feats)} feature maps')
        logits = [
            x.permute(0, 2, 1) for x in self.cls_head(feats, valid_mask)
        ]
        offsets = [
            x.permute(0, 2, 1) for x in self.reg_head(feats, valid_mask)
        ]
        return logits, offsets

    def points(self, feats: Sequence[torch.Tensor]) -> List[torch.Tensor]:
        return pyramid_points([x.shape[-1] for x in feats], self.strides,
                              self.regression_ranges, feats[0].device)

    def loss(self, feats: Sequence[torch.Tensor], data_samples: Sequence,
             valid_mask: Sequence[torch.Tensor]) -> Dict[str, torch.Tensor]:
        """Focal + DIoU losses over a batch.

        Args:
            feats / valid_mask: pyramid levels (B, C, T_l) / (B, T_l).
            data_samples: ``gt_instances`` with ``segments`` (N_i, 2) in
                seconds and ``labels`` (N_i,); metainfo with the feature
                geometry (``fps``, ``feat_stride``, ``feat_num_frames``,
                ``feat_start``), which maps the segments onto the grid.
        """
        logits, offsets = self(feats, valid_mask)
        points = torch.cat(self.points(feats))
        with torch.no_grad():
            targets = [
                assign_points(points, self._grid_segments(sample),
                              sample.gt_instances.labels.long().to(
                                  points.device), self.num_classes,
                              self.center_sample, self.center_radius)
                for sample in data_samples
            ]
        cls_targets = torch.stack([t[0] for t in targets])
        reg_targets = torch.stack([t[1] for t in targets])
        valid = torch.cat(list(valid_mask), dim=1)
        positive = (cls_targets.sum(-1) > 0) & valid
        num_pos = int(positive.sum())
        with torch.no_grad():
            self.loss_normalizer.mul_(self.loss_momentum).add_(
                (1 - self.loss_momentum) * max(num_pos, 1))
        normalizer = float(self.loss_normalizer)
        target = cls_targets[valid]
        if self.label_smoothing > 0:
            target = target * (1 - self.label_smoothing) + \
                self.label_smoothing / (self.num_classes + 1)
        loss_cls = self.loss_cls(torch.cat(logits, 1)[valid],
                                 target) / normalizer
        loss_reg = self.loss_reg(
            torch.cat(offsets, 1)[positive],
            reg_targets[positive]) / normalizer
        weight = (self.loss_weight if self.loss_weight > 0 else
                  loss_cls.detach() / max(float(loss_reg), 0.01))
        return dict(loss_cls=loss_cls, loss_reg=weight * loss_reg)

    @staticmethod
    def _grid_segments(sample) -> torch.Tensor:
        """A sample's ground truth on its feature grid, (N, 2) float32."""
        seconds = sample.gt_instances.segments.double()
        return seconds_to_grid(seconds,
                               **grid_geometry(sample.metainfo)).float()

    def decode_video(self, points: Sequence[torch.Tensor],
                     logits: Sequence[torch.Tensor],
                     offsets: Sequence[torch.Tensor],
                     valid_mask: Sequence[torch.Tensor]
                     ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Candidates of one video before NMS.

        Args:
            points: per level (T_l, 4).
            logits / offsets / valid_mask: per level (T_l, C) / (T_l, 2) /
                (T_l,).

        Returns:
            segments (K, 2) grid units, scores (K,), labels (K,).
        """
        cfg = self.test_cfg
        segments, scores, labels = [], [], []
        for pts, logit, offset, mask in zip(points, logits, offsets,
                                            valid_mask):
            prob = (logit.sigmoid() * mask[:, None]).flatten()
            keep = torch.nonzero(prob > cfg['pre_nms_thresh']).squeeze(1)
            prob = prob[keep]
            prob, order = prob.sort(descending=True)
            top = min(cfg['pre_nms_topk'], len(keep))
            prob, keep = prob[:top], keep[order[:top]]
            point_index = torch.div(keep, self.num_classes,
                                    rounding_mode='floor')
            cls = torch.fmod(keep, self.num_classes)
            seg = decode_segments(pts[point_index], offset[point_index])
            long_enough = seg[:, 1] - seg[:, 0] > cfg['duration_thresh']
            segments.append(seg[long_enough])
            scores.append(prob[long_enough])
            labels.append(cls[long_enough])
        return torch.cat(segments), torch.cat(scores), torch.cat(labels)

    def predict(self, feats: Sequence[torch.Tensor], data_samples: Sequence,
                valid_mask: Sequence[torch.Tensor]) -> Sequence:
        """Set each sample's ``pred_instances``: ``segments`` (K, 2) in
        seconds (clamped to [0, ``duration``]), ``scores`` and ``labels``,
        after NMS and sorted by score. Metainfo as in :meth:`loss`, plus
        ``duration``."""
        cfg = self.test_cfg
        logits, offsets = self(feats, valid_mask)
        points = self.points(feats)
        for b, sample in enumerate(data_samples):
            segments, scores, labels = self.decode_video(
                points, [x[b] for x in logits], [x[b] for x in offsets],
                [m[b] for m in valid_mask])
            if cfg['nms_method'] != 'none':
                segments, scores, labels = batched_nms_1d(
                    segments, scores, labels, cfg['iou_threshold'],
                    cfg['min_score'], cfg['max_seg_num'],
                    use_soft_nms=cfg['nms_method'] == 'soft',
                    multiclass=cfg['multiclass_nms'], sigma=cfg['sigma'],
                    voting_thresh=cfg['voting_thresh'])
            meta = sample.metainfo
            seconds = grid_to_seconds(segments.float().cpu(),
                                      **grid_geometry(meta))
            seconds = seconds.clamp(min=0.0, max=float(meta['duration']))
            sample.pred_instances = InstanceData(
                segments=seconds, scores=scores.float().cpu(),
                labels=labels.long().cpu())
        return data_samples
