"""The F3ED head: per-frame events and their element multi-labels."""
from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule

from ..utils.f3ed_decoding import detect_events


@MODELS.register_module()
class F3EDHead(BaseModule):
    """Temporal module -> event localizer + element classifier
    (+ contextual module), on a clip's per-frame features.

    Training (data samples from ``F3EDFrameTargets``/``PackF3EDInputs``:
    ``frame_events`` (T,), ``frame_elements`` (T, E), ``hands`` (2,)):
    ``loss_event`` (weighted event/no-event cross-entropy), ``loss_element``
    (BCE on event frames) and, with a context module, ``loss_context``: the
    module reads the sequence of the clip's ground-truth event frames'
    element probabilities and predicts their element vectors.

    Prediction: ``pred_event_probs`` (T, 2) and ``pred_element_probs``
    (T, E) per clip. With a context module the clip's detected events
    (:func:`~fga.models.utils.detect_events`, window ``nms_window``) are
    refined by it, as in the reference. Videos are decoded by the metric
    after their clips' scores are averaged.

    Side information (``side_element`` set: the element index saying the
    near player acts): each context input and target starts with the
    hitter's handedness, ``hands[round(p(side_element))]``, the
    reference's handedness column (far, near).

    Args:
        in_channels: per-frame feature size.
        num_elements: E.
        hidden_channels: width of the temporal module (the reference:
            ``min(768, in_channels)``).
        temporal, localizer, classifier, context: configs of the
            registered parts (``in_channels`` and sizes are filled in;
            ``context=None`` leaves it out).
        side_element: see above; None uses no side information.
        nms_window: frames of the temporal NMS.
    """

    def __init__(self,
                 in_channels: int,
                 num_elements: int,
                 hidden_channels: Optional[int] = None,
                 temporal: dict = dict(type='BiGRUTemporalNeck'),
                 localizer: dict = dict(type='FrameEventLocalizer'),
                 classifier: dict = dict(type='FrameElementClassifier'),
                 context: Optional[dict] = None,
                 side_element: Optional[int] = None,
                 nms_window: int = 5,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        hidden = hidden_channels or min(768, in_channels)
        self.num_elements = num_elements
        self.side_element = side_element
        self.nms_window = nms_window
        self.temporal = MODELS.build(
            dict(temporal, in_channels=in_channels, hidden_channels=hidden))
        self.localizer = MODELS.build(dict(localizer, in_channels=hidden))
        self.classifier = MODELS.build(
            dict(classifier, in_channels=hidden, num_elements=num_elements))
        self.side_channels = int(side_element is not None)
        self.context = None
        if context is not None:
            size = num_elements + self.side_channels
            self.context = MODELS.build(
                dict(context, in_channels=size, out_channels=size))

    def forward(self, feats: torch.Tensor,
                valid_mask: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        """(B, T, C) -> ((B, T, 2) event logits, (B, T, E) element
        logits)."""
        hidden = self.temporal(feats)
        return self.localizer(hidden), self.classifier(hidden)

    def _with_side(self, vectors: torch.Tensor,
                   hands: Optional[torch.Tensor]) -> torch.Tensor:
        """Prefix (L, E) element vectors (probabilities or targets) with
        the hitter's handedness (L, 1): the side element read from them
        picks ``hands[0]`` (far) or ``hands[1]`` (near)."""
        if not self.side_channels:
            return vectors
        if hands is None:
            raise ValueError('F3EDHead(side_element=...) needs the samples\' '
                             '"hands" (F3SetDataset with PackF3EDInputs)')
        near = torch.round(vectors[:, self.side_element]).long()
        column = hands.to(vectors.dtype)[near.clamp(0, 1)]
        return torch.cat([column[:, None], vectors], dim=1)

    @staticmethod
    def _stack(data_samples, key: str, device) -> torch.Tensor:
        return torch.stack([s.get(key) for s in data_samples]).to(device)

    def loss(self, feats: torch.Tensor, data_samples,
             valid_mask: torch.Tensor) -> dict:
        """See the class doc; ``valid_mask`` (B, T) excludes padding from
        the event loss."""
        event_logits, element_logits = self(feats, valid_mask)
        events = self._stack(data_samples, 'frame_events', feats.device)
        elements = self._stack(data_samples, 'frame_elements', feats.device)
        is_event = events.bool() & valid_mask
        losses = dict(
            loss_event=self.localizer.loss(event_logits, events.long(),
                                           valid_mask),
            loss_element=self.classifier.loss(element_logits, elements,
                                              is_event))
        if self.context is not None:
            probs = torch.sigmoid(element_logits)
            inputs, targets = [], []
            for b, sample in enumerate(data_samples):
                idx = is_event[b].nonzero(as_tuple=True)[0]
                hands = sample.get('hands')
                inputs.append(self._with_side(probs[b, idx], hands))
                targets.append(
                    self._with_side(elements[b, idx].float(), hands))
            sizes = [len(r) for r in inputs]
            if sum(sizes):
                seq_in = self._pad(inputs)
                seq_target = self._pad(targets)
                real = self._real(sizes, feats.device)
                refined = self.context(seq_in, sizes)
                losses['loss_context'] = F.binary_cross_entropy_with_logits(
                    refined[real], seq_target[real])
            else:
                losses['loss_context'] = element_logits.sum() * 0
        return losses

    @staticmethod
    def _pad(rows: List[torch.Tensor]) -> torch.Tensor:
        length = max([len(r) for r in rows] + [1])
        out = rows[0].new_zeros(len(rows), length, rows[0].shape[-1])
        for b, r in enumerate(rows):
            out[b, :len(r)] = r
        return out

    @staticmethod
    def _real(sizes: List[int], device) -> torch.Tensor:
        length = max(sizes + [1])
        return torch.arange(length, device=device)[None] < torch.tensor(
            sizes, device=device)[:, None]

    @torch.no_grad()
    def predict(self, feats: torch.Tensor, data_samples,
                valid_mask: torch.Tensor):
        """Set ``pred_event_probs`` (T, 2) and ``pred_element_probs``
        (T, E) on each sample."""
        event_logits, element_logits = self(feats, valid_mask)
        event_probs = event_logits.softmax(-1)
        element_probs = torch.sigmoid(element_logits)
        if self.context is not None:
            detected = detect_events(event_probs, self.nms_window)
            inputs, frames = [], []
            for b, sample in enumerate(data_samples):
                idx = detected[b].nonzero(as_tuple=True)[0]
                frames.append(idx)
                inputs.append(self._with_side(element_probs[b, idx],
                                              sample.get('hands')))
            sizes = [len(f) for f in frames]
            if sum(sizes):
                refined = torch.sigmoid(
                    self.context(self._pad(inputs), sizes))
                for b, idx in enumerate(frames):
                    element_probs[b, idx] = refined[
                        b, :len(idx), self.side_channels:]
        for b, sample in enumerate(data_samples):
            sample.pred_event_probs = event_probs[b].float().cpu()
            sample.pred_element_probs = element_probs[b].float().cpu()
        return data_samples
