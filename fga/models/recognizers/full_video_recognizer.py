from mmaction.models.recognizers import Recognizer2D
from mmaction.registry import MODELS


@MODELS.register_module()
class FullVideoRecognizer(Recognizer2D):
    """``Recognizer2D`` that tells a :class:`FullVideoResNetTSM` backbone
    how many frames each video has (the batch is flattened to N·T frames
    before the backbone sees it)."""

    def extract_feat(self, inputs, stage='neck', data_samples=None,
                     test_mode=False):
        self.backbone.num_frames = inputs.shape[1]
        return super().extract_feat(inputs, stage=stage,
                                    data_samples=data_samples,
                                    test_mode=test_mode)
