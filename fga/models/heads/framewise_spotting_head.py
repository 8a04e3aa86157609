"""Per-frame event classification (E2E-Spot style) decoded into both
timestamped events and an ordered label sequence."""
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule

from ..utils.event_targets import IGNORE_INDEX, frame_event_targets


def spot_runs(fg_prob: torch.Tensor, is_event: torch.Tensor) -> List[int]:
    """Peak frame of every run of consecutive event frames.

    Args:
        fg_prob: (T,) probability of any event.
        is_event: (T,) bool frames whose best class is an event.
    """
    peaks, start = [], None
    for t, flag in enumerate(is_event.tolist() + [False]):
        if flag and start is None:
            start = t
        elif not flag and start is not None:
            peaks.append(start + int(fg_prob[start:t].argmax()))
            start = None
    return peaks


def local_maxima(scores: torch.Tensor, window: int,
                 threshold: float) -> Tuple[torch.Tensor, torch.Tensor]:
    """Frames and classes where a class score is >= ``threshold`` and the
    maximum within +-``window`` frames (per-class NMS).

    Args:
        scores: (T, C).

    Returns:
        (frames (k,), classes (k,)).
    """
    pooled = F.max_pool1d(
        scores.t()[None], 2 * window + 1, stride=1, padding=window)[0].t()
    keep = (scores >= pooled) & (scores >= threshold)
    return keep.nonzero(as_tuple=True)


@MODELS.register_module()
class FramewiseSpottingHead(BaseModule):
    """Bidirectional GRU over per-frame features and a per-frame classifier
    over background + C classes.

    Training targets: each event marks its nearest sampled frame (and
    ``dilation`` frames either side) with its class; padded frames are
    ignored. Prediction: runs of frames whose best class is an event give
    one event each, at the run's peak, forming the ordered sequence
    (``pred_labels`` with class probability rows ``pred_scores``);
    per-class local maxima above ``spot_threshold`` give the timestamped
    events for the spotting metric.

    Args:
        in_channels: feature size per frame.
        num_classes: C.
        hidden_channels: GRU size per direction.
        fg_weight: loss weight of event classes relative to background.
        dilation: frames either side of an event that share its label.
        nms_window: half window of the per-class local maximum.
        spot_threshold: minimum score of a spotted event.
    """

    def __init__(self,
                 in_channels: int,
                 num_classes: int,
                 hidden_channels: int = 128,
                 dropout: float = 0.1,
                 fg_weight: float = 5.0,
                 dilation: int = 0,
                 nms_window: int = 2,
                 spot_threshold: float = 0.01,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.num_classes = num_classes
        self.gru = nn.GRU(
            in_channels, hidden_channels, batch_first=True,
            bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * hidden_channels, num_classes + 1)
        weight = torch.full((num_classes + 1, ), fg_weight)
        weight[0] = 1.0
        self.register_buffer('class_weight', weight, persistent=False)
        self.dilation = dilation
        self.nms_window = nms_window
        self.spot_threshold = spot_threshold

    def forward(self, feats: torch.Tensor,
                valid_mask: torch.Tensor) -> torch.Tensor:
        """(B, T, C_in), (B, T) -> (B, T, num_classes + 1) logits."""
        out, _ = self.gru(feats)
        return self.fc(self.dropout(out))

    def loss(self, feats: torch.Tensor, data_samples,
             valid_mask: torch.Tensor) -> dict:
        """Weighted per-frame cross-entropy; samples carry
        ``event_positions`` and ``event_labels``, padded frames (False in
        ``valid_mask``) are ignored."""
        logits = self(feats, valid_mask)
        targets = frame_event_targets(data_samples, feats.shape[1],
                                      valid_mask, self.dilation)
        loss = F.cross_entropy(
            logits.flatten(0, 1),
            targets.flatten(),
            weight=self.class_weight,
            ignore_index=IGNORE_INDEX)
        return dict(loss_cls=loss)

    @torch.no_grad()
    def predict(self, feats: torch.Tensor, data_samples,
                valid_mask: torch.Tensor):
        """Set ``pred_labels`` / ``pred_scores`` (the ordered sequence) and
        ``pred_event_frames`` / ``pred_event_labels`` /
        ``pred_event_scores`` (timestamped events in raw frames)."""
        probs = self(feats, valid_mask).softmax(-1)
        probs = probs.masked_fill(~valid_mask[..., None], 0)
        for sample, prob, valid in zip(data_samples, probs, valid_mask):
            fg = prob[:, 1:]
            is_event = (prob.argmax(-1) > 0) & valid
            peaks = torch.as_tensor(
                spot_runs(1 - prob[:, 0], is_event), dtype=torch.long)
            rows = fg[peaks]
            rows = rows / rows.sum(-1, keepdim=True).clamp_min(1e-12)
            sample.pred_labels = rows.argmax(-1) if len(peaks) else \
                torch.zeros(0, dtype=torch.long)
            sample.pred_scores = rows
            frames, classes = local_maxima(fg, self.nms_window,
                                           self.spot_threshold)
            start = sample.metainfo.get('clip_start', 0)
            stride = sample.metainfo.get('stride', 1)
            sample.pred_event_frames = start + frames * stride
            sample.pred_event_labels = classes
            sample.pred_event_scores = fg[frames, classes]
        return data_samples
