from mmaction.registry import MODELS

from .inception_v1 import InceptionV1


@MODELS.register_module()
class InceptionV1TAM(InceptionV1):
    """TAM-InceptionV1: :class:`InceptionV1` with a :class:`BLVNetTAM`
    (3 frames, sum, depthwise unless ``tam`` says otherwise) after every
    stage, on the main path."""

    def __init__(self,
                 num_segments: int = 8,
                 tam: dict = dict(),
                 **kwargs) -> None:
        super().__init__(num_segments, tam=tam, **kwargs)
