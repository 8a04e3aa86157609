from typing import List, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from torch import nn

from ..common import ChannelLayerNorm, MaskedConv1d, TemporalTransformerBlock
from ..utils.sinusoid import sinusoid_table


@MODELS.register_module()
class ConvTransformerBackbone(BaseModule):
    """ActionFormer's backbone: a convolutional embedding, stride-1 "stem"
    transformer blocks and stride-``scale_factor`` "branch" blocks whose
    outputs (with the stem's) form the feature pyramid.

    Args:
        in_channels: input feature channels (2048 for THUMOS14 I3D).
        embed_dims: width of every block (512).
        num_heads: attention heads (4).
        arch: (#embedding convs, #stem blocks, #branch blocks), (2, 2, 5)
            gives 6 pyramid levels with strides 1..32.
        window_size: local attention window per level (int or one per
            level), 19.
        scale_factor: downsampling between levels (2).
        embed_kernel_size: kernel of the embedding convs (3).
        embed_with_ln: LayerNorm after each embedding conv (convs then have
            no bias).
        drop: dropout in attention projection and MLP.
        drop_path: stochastic depth of every block (0.1).
        dense_attention: compute local attention through full T × T
            matrices (same outputs, O(T²) memory; for export and as the
            benchmark baseline).
        use_abs_pe: add sinusoidal positions × 1/sqrt(C) after the
            embedding (ActivityNet recipe); ``max_len`` is their training
            length, linearly re-interpolated for longer test inputs.

    Shapes:
        inputs (B, in_channels, T), valid mask (B, T) bool →
        ``num_levels`` features (B, embed_dims, T / s_l) and masks.
    """

    def __init__(self,
                 in_channels: int = 2048,
                 embed_dims: int = 512,
                 num_heads: int = 4,
                 arch: Sequence[int] = (2, 2, 5),
                 window_size: Union[int, Sequence[int]] = 19,
                 scale_factor: int = 2,
                 embed_kernel_size: int = 3,
                 embed_with_ln: bool = True,
                 drop: float = 0.0,
                 drop_path: float = 0.1,
                 dense_attention: bool = False,
                 use_abs_pe: bool = False,
                 max_len: int = 2304,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if len(arch) != 3:
            raise ValueError(f'arch must be (#embedding convs, #stem blocks, '
                             f'#branch blocks), got {arch}')
        num_levels = arch[2] + 1
        windows = ([window_size] * num_levels
                   if isinstance(window_size, int) else list(window_size))
        if len(windows) != num_levels:
            raise ValueError(f'window_size needs one value per level '
                             f'({num_levels}), got {windows}')
        self.in_channels = in_channels
        self.scale_factor = scale_factor
        self.window_size = windows
        self.embd = nn.ModuleList()
        self.embd_norm = nn.ModuleList()
        for i in range(arch[0]):
            self.embd.append(
                MaskedConv1d(
                    in_channels if i == 0 else embed_dims,
                    embed_dims,
                    embed_kernel_size,
                    bias=not embed_with_ln))
            self.embd_norm.append(
                ChannelLayerNorm(embed_dims) if embed_with_ln else nn.Identity(
                ))
        self.relu = nn.ReLU(inplace=True)
        self.max_len = max_len
        if use_abs_pe:
            self.register_buffer(
                'pos_embd',
                sinusoid_table(max_len, embed_dims) / embed_dims**0.5,
                persistent=False)
        else:
            self.pos_embd = None
        self.stem = nn.ModuleList([
            TemporalTransformerBlock(
                embed_dims,
                num_heads,
                windows[0],
                1,
                drop=drop,
                drop_path=drop_path,
                dense_attention=dense_attention) for _ in range(arch[1])
        ])
        self.branch = nn.ModuleList([
            TemporalTransformerBlock(
                embed_dims,
                num_heads,
                windows[1 + i],
                scale_factor,
                drop=drop,
                drop_path=drop_path,
                dense_attention=dense_attention) for i in range(arch[2])
        ])
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Conv1d)) and \
                    module.bias is not None:
                nn.init.zeros_(module.bias)

    @property
    def strides(self) -> List[int]:
        return [self.scale_factor**i for i in range(len(self.branch) + 1)]

    def _positions(self, length: int) -> torch.Tensor:
        if length <= self.max_len:
            return self.pos_embd[..., :length]
        if self.training:
            raise ValueError(f'training input of {length} steps is longer '
                             f'than the position table ({self.max_len})')
        return F.interpolate(
            self.pos_embd, length, mode='linear', align_corners=False)

    def forward(
        self, x: torch.Tensor, mask: torch.Tensor
    ) -> Tuple[Tuple[torch.Tensor, ...], Tuple[torch.Tensor, ...]]:
        if x.shape[1] != self.in_channels:
            raise ValueError(f'expected {self.in_channels} feature channels, '
                             f'got input of shape {tuple(x.shape)}')
        for conv, norm in zip(self.embd, self.embd_norm):
            x, mask = conv(x, mask)
            x = self.relu(norm(x))
        if self.pos_embd is not None:
            x = x + self._positions(x.shape[-1]) * mask[:, None].to(x.dtype)
        for block in self.stem:
            x, mask = block(x, mask)
        feats, masks = [x], [mask]
        for block in self.branch:
            x, mask = block(x, mask)
            feats.append(x)
            masks.append(mask)
        return tuple(feats), tuple(masks)
