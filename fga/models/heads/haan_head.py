from typing import Dict, List, Optional, Sequence, Union

import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from mmengine.structures import InstanceData
from torch import nn

from fga.annotations import AnnotationError, load_json
from ..utils.segment_nms import nms_1d
from ..utils.weak_localization import (above_mean_pooling, cas_proposals,
                                       coarse_level_representations,
                                       fine_level_representations,
                                       visual_concepts)


class ClipMLP(nn.Module):
    """Linear → ReLU → dropout → Linear, clip-wise over (..., C); returns
    the hidden activations and the output (HAAN's building block, with the
    reference's parameter names)."""

    def __init__(self, in_channels: int, hidden_channels: int,
                 out_channels: int, dropout: float) -> None:
        super().__init__()
        self.hidden_layer = nn.Linear(in_channels, hidden_channels)
        self.out_layer = nn.Linear(hidden_channels, out_channels)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor):
        hidden = self.dropout(F.relu(self.hidden_layer(x)))
        return hidden, self.out_layer(hidden)


def _mapping(fine_to_coarse: Union[str, Sequence[int], Dict]) -> List[int]:
    """The coarse id of fine classes 0, 1, ...: from a list, a dict keyed
    by fine id (int or str), or a JSON file holding either."""
    source = 'fine_to_coarse'
    if isinstance(fine_to_coarse, str):
        source = fine_to_coarse
        fine_to_coarse = load_json(fine_to_coarse, 'fine-to-coarse mapping')
    if isinstance(fine_to_coarse, dict):
        keyed = {str(k): v for k, v in fine_to_coarse.items()}
        missing = [i for i in range(len(keyed)) if str(i) not in keyed]
        if missing:
            raise AnnotationError(
                f'{source}: fine classes must be keyed 0..{len(keyed) - 1}; '
                f'fine class {missing[0]} has no coarse id')
        fine_to_coarse = [keyed[str(i)] for i in range(len(keyed))]
    if not isinstance(fine_to_coarse, (list, tuple)) or not all(
            isinstance(c, int) and not isinstance(c, bool) and c >= 0
            for c in fine_to_coarse):
        raise AnnotationError(f'{source}: expected a non-negative integer '
                              'coarse id for every fine class')
    return list(fine_to_coarse)


@MODELS.register_module()
class HAANHead(BaseModule):
    """HAAN (Li et al., ECCV 2022): weakly-supervised temporal action
    detection with hierarchical atomic actions.

    Four clip-wise MLPs: ``encoder`` (D → E → E), ``fine_level_classifier``
    (E → E → C_fine; its outputs are the class activation sequence),
    ``pseudo_label_classifier`` (E → E → K atomic actions) and
    ``coarse_level_classifier`` (E → E → 1, one scorer shared by the coarse
    classes). Per training video (padding removed):

    * L_mil: weighted BCE of above-mean-pooled video logits vs the fine
      labels;
    * L_pseudo: cluster-frequency-weighted CE of the atomic-action logits
      vs the clips' pseudo labels, divided again by T (the reference's
      double normalisation);
    * L_concept: 1 − cos between each present class's (detached)
      classifier weight and the mean of its 5 most similar visual concepts
      (per-atomic-action means of the fine classifier's hidden features);
    * L_coarse: weighted BCE of the coarse scorer on fine representations
      pooled per coarse class (mean or max).

    The total ``λ1·L_mil + λ2·L_pseudo + λ3·L_concept + λ4·L_coarse`` is
    summed over the videos of a batch. Setting λ2..λ4 to 0 gives the plain
    MIL baseline (no pseudo labels needed).

    Args:
        in_channels / embed_channels: D and E.
        num_classes: fine classes C.
        num_coarse_classes: coarse classes.
        fine_to_coarse: coarse id of every fine class (list, or a
            ``fine_to_coarse_mappings.json``).
        num_atomic_actions: K.
        num_top_concepts: concepts averaged per class (5).
        coarse_pooling: ``'mean'`` (FineGym) or ``'max'`` (FineAction).
        dropout: MLP dropout.
        loss_weights: (λ1, λ2, λ3, λ4).
        test_cfg: ``alpha`` (threshold offset), ``kmax_mod_factor``, and
            optional ``max_segments`` (cap per video) and ``nms_iou``
            (per-class hard NMS); both off by default, as the reference.
    """

    def __init__(self,
                 in_channels: int = 2048,
                 embed_channels: int = 2048,
                 num_classes: int = 99,
                 num_coarse_classes: int = 14,
                 fine_to_coarse: Union[str, Sequence[int]] = (),
                 num_atomic_actions: int = 500,
                 num_top_concepts: int = 5,
                 coarse_pooling: str = 'mean',
                 dropout: float = 0.5,
                 loss_weights: Sequence[float] = (1.0, 0.001, 0.01, 0.1),
                 test_cfg: Optional[dict] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        mapping = _mapping(fine_to_coarse)
        if len(mapping) != num_classes:
            raise ValueError(f'fine_to_coarse maps {len(mapping)} fine '
                             f'classes, num_classes is {num_classes}')
        if mapping and max(mapping) >= num_coarse_classes:
            raise ValueError(f'fine_to_coarse uses coarse id {max(mapping)} '
                             f'but num_coarse_classes is '
                             f'{num_coarse_classes}')
        self.num_classes = num_classes
        self.num_coarse_classes = num_coarse_classes
        self.num_atomic_actions = num_atomic_actions
        self.num_top_concepts = num_top_concepts
        self.coarse_pooling = coarse_pooling
        self.loss_weights = tuple(float(w) for w in loss_weights)
        self.register_buffer('fine_to_coarse',
                             torch.tensor(mapping, dtype=torch.long),
                             persistent=False)
        self.encoder = ClipMLP(in_channels, embed_channels, embed_channels,
                               dropout)
        self.fine_level_classifier = ClipMLP(embed_channels, embed_channels,
                                             num_classes, dropout)
        self.pseudo_label_classifier = ClipMLP(embed_channels, embed_channels,
                                               num_atomic_actions, dropout)
        self.coarse_level_classifier = ClipMLP(embed_channels,
                                               embed_channels, 1, dropout)
        self.test_cfg = dict(alpha=0.1, kmax_mod_factor=2,
                             max_segments=None, nms_iou=None)
        self.test_cfg.update(test_cfg or {})
        self.atomic_labels: Dict[int, torch.Tensor] = {}
        self.register_buffer('atomic_weights',
                             torch.ones(num_atomic_actions))

    @property
    def needs_atomic_labels(self) -> bool:
        return any(w > 0 for w in self.loss_weights[1:])

    def set_atomic_labels(self, labels: Dict[int, np.ndarray],
                          weights: np.ndarray) -> None:
        """Install pseudo labels (per training-video index) and the
        cluster frequencies used as CE weights."""
        self.atomic_labels = {
            int(k): torch.as_tensor(v, dtype=torch.long)
            for k, v in labels.items()
        }
        self.atomic_weights.copy_(
            torch.as_tensor(weights, dtype=self.atomic_weights.dtype))

    def encode(self, feats: torch.Tensor) -> torch.Tensor:
        return self.encoder(feats)[1]

    def video_losses(self, hidden, cas, atomic_logits, sample
                     ) -> Dict[str, torch.Tensor]:
        """The four loss terms of one video (tensors already unpadded)."""
        lambdas = self.loss_weights
        fine = sample.fine_labels.to(cas)
        losses = dict(loss_mil=lambdas[0] * F.binary_cross_entropy_with_logits(
            above_mean_pooling(cas), fine,
            weight=sample.fine_weights.to(cas)))
        if not self.needs_atomic_labels:
            return losses
        index = int(sample.metainfo['video_index'])
        video = sample.metainfo.get('video_id', index)
        if index not in self.atomic_labels:
            raise RuntimeError(
                f'no atomic-action pseudo labels for training video {video}; '
                'add AtomicActionDiscoveryHook to custom_hooks or set the '
                'pseudo/concept/coarse loss weights to 0')
        assignment = self.atomic_labels[index].to(cas.device)
        if len(assignment) != len(cas):
            raise RuntimeError(
                f'video {video} has {len(cas)} clips but {len(assignment)} '
                'pseudo labels')
        losses['loss_pseudo'] = lambdas[1] * F.cross_entropy(
            atomic_logits, assignment,
            weight=self.atomic_weights.to(cas)) / len(cas)
        concepts = visual_concepts(hidden, assignment,
                                   self.num_atomic_actions)
        class_weights = self.fine_level_classifier.out_layer.weight.detach()
        fine_reps = fine_level_representations(class_weights, concepts,
                                               self.num_top_concepts)
        present = fine.bool()
        distance = 1 - F.cosine_similarity(class_weights, fine_reps, dim=1)
        losses['loss_concept'] = lambdas[2] * distance[present].sum() / \
            present.sum().clamp(min=1)
        coarse_reps = coarse_level_representations(
            fine_reps, self.fine_to_coarse.to(cas.device),
            self.num_coarse_classes, self.coarse_pooling)
        coarse_logits = self.coarse_level_classifier(coarse_reps)[1][:, 0]
        losses['loss_coarse'] = lambdas[3] * \
            F.binary_cross_entropy_with_logits(
                coarse_logits, sample.coarse_labels.to(cas),
                weight=sample.coarse_weights.to(cas))
        return losses

    def forward(self, feats: torch.Tensor,
                valid_mask: torch.Tensor = None) -> torch.Tensor:
        """Class activation sequence: (B, T, D) → (B, T, C) clip logits
        (clip-wise, so padding does not change valid clips)."""
        return self.fine_level_classifier(self.encode(feats))[1]

    def loss(self, feats: torch.Tensor, data_samples: Sequence,
             valid_mask: torch.Tensor) -> Dict[str, torch.Tensor]:
        """Summed losses of a batch.

        Args:
            feats: (B, T, D) zero-padded clip features.
            data_samples: per video the fields ``fine_labels`` (C,),
                ``fine_weights``, ``coarse_labels``, ``coarse_weights`` and
                metainfo ``video_index`` (which pseudo labels apply).
            valid_mask: (B, T), True on real clips.
        """
        encoded = self.encode(feats)
        hidden, cas = self.fine_level_classifier(encoded)
        atomic_logits = (self.pseudo_label_classifier(encoded)[1]
                         if self.needs_atomic_labels else cas)
        total: Dict[str, torch.Tensor] = {}
        for b, sample in enumerate(data_samples):
            length = int(valid_mask[b].sum())
            terms = self.video_losses(hidden[b, :length], cas[b, :length],
                                      atomic_logits[b, :length], sample)
            for name, value in terms.items():
                total[name] = total.get(name, 0) + value
        return total

    @torch.no_grad()
    def predict(self, feats: torch.Tensor, data_samples: Sequence,
                valid_mask: torch.Tensor) -> Sequence:
        """Set each sample's ``pred_instances`` (``segments`` (N, 2) in
        seconds, ``scores``, ``labels``) from its class activation
        sequence, and the sequence itself as ``pred_cas`` (T, C); metainfo
        ``sec2clip`` maps clips to seconds."""
        cas = self(feats, valid_mask)
        for b, sample in enumerate(data_samples):
            length = int(valid_mask[b].sum())
            sample.pred_instances = self.predict_video(
                cas[b, :length], float(sample.metainfo['sec2clip']))
            # The class activation sequence, for pictures and analysis.
            sample.pred_cas = cas[b, :length].float().cpu()
        return data_samples

    def predict_video(self, cas: torch.Tensor,
                      sec2clip: float) -> InstanceData:
        """Detections of one video from its (T, C) clip logits."""
        cfg = self.test_cfg
        cas = cas.float().cpu().numpy()
        segments, scores, labels = cas_proposals(cas, sec2clip, cfg['alpha'],
                                                 cfg['kmax_mod_factor'])
        segments = torch.from_numpy(segments).float()
        scores = torch.from_numpy(scores).float()
        labels = torch.from_numpy(labels)
        if cfg.get('nms_iou') is not None and len(scores):
            keep = torch.cat([
                torch.nonzero(labels == c).flatten()[nms_1d(
                    segments[labels == c], scores[labels == c],
                    cfg['nms_iou'])] for c in torch.unique(labels)
            ])
            keep = keep[torch.argsort(scores[keep], descending=True,
                                      stable=True)]
            segments, scores, labels = segments[keep], scores[keep], labels[
                keep]
        if cfg.get('max_segments'):
            segments, scores, labels = (x[:cfg['max_segments']]
                                        for x in (segments, scores, labels))
        return InstanceData(segments=segments, scores=scores, labels=labels)
