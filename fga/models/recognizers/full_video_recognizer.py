import torch
from mmaction.models.recognizers import Recognizer2D
from mmaction.registry import MODELS


@MODELS.register_module()
class FullVideoRecognizer(Recognizer2D):
    """``Recognizer2D`` for a :class:`FullVideoResNetTSM` backbone, which
    needs to know how many frames each video has: the batch (N, T, 3, H, W)
    is flattened to N·T frames and T is passed along.

    Only the plain path of ``Recognizer2D`` applies (an MMAction2 backbone,
    no neck, no ``fcn_test`` / ``max_testing_views``): the clustering needs
    all of a video's frames in one call.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        test_cfg = self.test_cfg or {}
        unsupported = [
            name for name, used in (
                ('a neck', self.with_neck),
                (f'backbone_from={self.backbone_from!r}',
                 self.backbone_from != 'mmaction2'),
                ('test_cfg.fcn_test', test_cfg.get('fcn_test')),
                ('test_cfg.max_testing_views',
                 test_cfg.get('max_testing_views'))) if used
        ]
        if unsupported:
            raise ValueError('FullVideoRecognizer does not support '
                             f'{", ".join(unsupported)}')

    def extract_feat(self, inputs, stage='neck', data_samples=None,
                     test_mode=False):
        """(N, T, 3, H, W) → backbone features of N·g (or N·T) frames, and
        the head's keyword arguments; ``stage='head'`` adds the logits."""
        num_frames = inputs.shape[1]
        feats = self.backbone(inputs.flatten(0, 1), num_frames=num_frames)
        kwargs = dict(num_segs=num_frames)
        if stage == 'backbone':
            return feats, kwargs
        if test_mode:
            kwargs['fcn_test'] = False
        kwargs['loss_aux'] = dict()
        if stage == 'head':
            return self.cls_head(feats, **kwargs), kwargs
        return feats, kwargs

    @torch.no_grad()
    def frame_clusters(self, inputs: torch.Tensor) -> torch.Tensor:
        """The cluster of every frame of one packed sample (T, 3, H, W) as
        the pipeline gives it (before normalisation) → (T,)."""
        frames = self.data_preprocessor(
            dict(inputs=[inputs], data_samples=None),
            training=False)['inputs'][0]
        return self.backbone.frame_clusters(frames)
