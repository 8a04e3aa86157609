from mmaction.registry import MODELS

from .framewise_recognizer import FramewiseRecognizer


@MODELS.register_module()
class F3ED(FramewiseRecognizer):
    """F3ED (fast, frequent, fine-grained event detection): any MMAction2
    backbone (2D with temporal shift, ``backbone_dims=2``, or SlowFast), a
    framewise neck and ``F3EDHead``.

    Same arguments as :class:`FramewiseRecognizer`.
    """
