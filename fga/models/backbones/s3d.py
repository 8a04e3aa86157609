from mmaction.registry import MODELS
from torch import nn

from ..common.inception import SelfGating, SeparableConv3d
from .i3d_inception import I3DInception


@MODELS.register_module()
class S3D(I3DInception):
    """S3D (Xie et al., ECCV 2018) on InceptionV1, as in IBM's study.

    :class:`I3DInception` with every 3×3×3 conv (stem conv3 and the
    Inception 3×3 branches) made separable: 1×3×3 + BN + ReLU, then a
    3×1×1 temporal conv + BN + ReLU. The stem conv1 is 3×7×7 and the pool
    before 5a is 2×2×2 without padding. Time is downsampled at the three
    later pools (TF S3D-G does it in conv1), and there is no gating unless
    ``gating=True``.

    Args:
        depthwise_temporal: depthwise temporal convs (IBM's
            ``--dw_t_conv``).
        gating: S3D-G self-gating after conv3 and on every Inception
            branch (an extension: IBM's S3D has none).
        **kwargs: :class:`I3DInception` arguments.
    """

    separable = True
    conv1_kernel = (3, 7, 7)
    last_pool_kernel = 2

    def __init__(self,
                 depthwise_temporal: bool = False,
                 gating: bool = False,
                 **kwargs) -> None:
        super().__init__(
            depthwise_temporal=depthwise_temporal, gating=gating, **kwargs)

    def _spatiotemporal_conv(self, in_channels: int, out_channels: int,
                             block_options: dict) -> nn.Module:
        conv = SeparableConv3d(in_channels, out_channels, 3, 1,
                               block_options['depthwise_temporal'])
        if not block_options['gating']:
            return conv
        return nn.Sequential(conv, SelfGating(out_channels))
