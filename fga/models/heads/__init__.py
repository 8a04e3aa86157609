from .actionformer_head import ActionFormerHead
from .event_context_module import EventContextModule
from .f3ast_head import F3ASTHead
from .f3ed_head import F3EDHead
from .frame_element_classifier import FrameElementClassifier
from .frame_event_localizer import FrameEventLocalizer
from .framewise_spotting_head import FramewiseSpottingHead
from .haan_head import HAANHead

__all__ = [
    'ActionFormerHead', 'EventContextModule', 'F3ASTHead', 'F3EDHead',
    'FrameElementClassifier', 'FrameEventLocalizer', 'FramewiseSpottingHead',
    'HAANHead'
]
