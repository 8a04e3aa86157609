from .conv_transformer import ConvTransformerBackbone

__all__ = ['ConvTransformerBackbone']
