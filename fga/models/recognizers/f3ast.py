from mmaction.registry import MODELS

from .framewise_recognizer import FramewiseRecognizer


@MODELS.register_module()
class F3AST(FramewiseRecognizer):
    """F3AST (fast, frequent, fine-grained action sequences): any MMAction2
    backbone, a framewise neck (``SlowFastFramewiseNeck`` for SlowFast,
    ``FramewiseNeck`` otherwise) and ``F3ASTHead``.

    Same arguments as :class:`FramewiseRecognizer`.
    """
