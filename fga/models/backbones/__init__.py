from .conv_transformer import ConvTransformerBackbone
from .full_video_resnet_tsm import FullVideoResNetTSM

__all__ = ['ConvTransformerBackbone', 'FullVideoResNetTSM']
