from typing import Optional

import torch
from mmaction.models.backbones.resnet_tsm import ResNetTSM, TemporalShift
from mmaction.registry import MODELS

from ..utils.frame_clustering import (cluster_means, consecutive_hamming,
                                      cumulative_clusters, slope_clusters)

CLUSTERINGS = {'cumulative': cumulative_clusters, 'slope': slope_clusters}


@MODELS.register_module()
class FullVideoResNetTSM(ResNetTSM):
    """TSM-ResNet that sees every frame ("No frame left behind", Liu et
    al., CVPR 2021).

    All T frames of a video go through the stem and ``layer1``; their
    binarised ``layer1`` activations are compared frame to frame (Hamming
    distance), the video is cut into ``num_clusters`` (g) contiguous
    clusters (``clustering='cumulative'`` or ``'slope'``) and each cluster
    is averaged, so ``layer2``–``layer4`` and the head see g "frames". No
    parameters are added (a pretrained TSM loads as is); gradients reach
    every frame through the averages. Temporal shifts sit in ``layer2``–
    ``layer4`` only, over g segments, as in the reference.

    Why a backbone rather than a neck: the clustering must run between two
    ResNet stages, and MMAction2 necks only see the backbone's output.

    Frames per video are a forward argument (:class:`FullVideoRecognizer`
    passes the input's T; default g). When T equals g (uniform
    sampling, the first training epochs and evaluation) the clustering is
    the identity; at evaluation, T a multiple of g is read as T/g views of
    g frames (MMAction2's multi-view testing, the reference's protocol)
    unless ``cluster_at_test``, which clusters all T frames of a video as
    in training.

    Args:
        depth: ResNet depth.
        num_clusters: g (8 or 16 in the paper).
        clustering: ``'cumulative'`` (default) or ``'slope'``.
        cluster_at_test: cluster every frame at evaluation too.
        **kwargs: ResNetTSM arguments (``num_segments`` is g).
    """

    def __init__(self,
                 depth: int,
                 num_clusters: int = 8,
                 clustering: str = 'cumulative',
                 cluster_at_test: bool = False,
                 **kwargs) -> None:
        if clustering not in CLUSTERINGS:
            raise ValueError(f'clustering must be one of {list(CLUSTERINGS)}, '
                             f'got {clustering!r}')
        if kwargs.pop('num_segments', num_clusters) != num_clusters:
            raise ValueError('num_segments of FullVideoResNetTSM is '
                             'num_clusters (the frames layer2-4 see)')
        self.num_clusters = num_clusters
        self.clustering = clustering
        self.cluster_at_test = cluster_at_test
        super().__init__(depth, num_segments=num_clusters, **kwargs)

    def make_temporal_shift(self) -> None:
        super().make_temporal_shift()
        # layer1 sees all T frames, so it cannot shift over g segments.
        for block in self.layer1:
            if isinstance(block, TemporalShift):
                raise NotImplementedError(
                    "shift_place='block' is not supported; use 'blockres'")
            if isinstance(block.conv1.conv, TemporalShift):
                block.conv1.conv = block.conv1.conv.net

    def cluster(self,
                x: torch.Tensor,
                num_frames: Optional[int] = None) -> torch.Tensor:
        """(N·T, C, H, W) → (N·g, C, H, W), T = ``num_frames`` (default g)
        frames per video."""
        frames = num_frames or self.num_clusters
        views_of_g = (not self.training and not self.cluster_at_test
                      and frames % self.num_clusters == 0)
        if frames == self.num_clusters or views_of_g:
            return x
        if x.shape[0] % frames:
            raise ValueError(f'{x.shape[0]} frames in the batch are not a '
                             f'multiple of {frames} frames per video')
        assign = CLUSTERINGS[self.clustering]
        out = []
        for video in x.view((-1, frames) + x.shape[1:]):
            labels = assign(consecutive_hamming(video), self.num_clusters)
            out.append(cluster_means(video, labels, self.num_clusters))
        return torch.cat(out)

    @torch.no_grad()
    def frame_clusters(self, frames: torch.Tensor) -> torch.Tensor:
        """Cluster index of every frame of one video (T, 3, H, W) → (T,),
        as training computes it (for pictures and analysis)."""
        features = self.layer1(self.maxpool(self.conv1(frames)))
        assign = CLUSTERINGS[self.clustering]
        return assign(consecutive_hamming(features), self.num_clusters)

    def forward(self,
                x: torch.Tensor,
                num_frames: Optional[int] = None) -> torch.Tensor:
        """(N·T, 3, H, W) frames, T = ``num_frames`` per video (default g)
        → (N·g, C, h, w), or N·T frames when they pass through (views of g
        frames at evaluation)."""
        x = self.maxpool(self.conv1(x))
        x = self.cluster(self.layer1(x), num_frames)
        for name in self.res_layers[1:]:
            x = getattr(self, name)(x)
        return x
