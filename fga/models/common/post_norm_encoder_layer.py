"""A post-norm transformer encoder layer that takes additive float masks.

``nn.TransformerEncoderLayer`` switches to a fused "fast path" in eval mode;
in torch 2.13 on CPU that path mis-reads float attention masks (an identity
bias changes outputs by ~0.4, a bias of ones gives NaN), so evaluation would
not compute the function that was trained. This layer has the same
submodules and parameter names (checkpoints are interchangeable) and always
runs the plain computation.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = ['PostNormEncoderLayer']


class PostNormEncoderLayer(nn.Module):
    """``x = norm1(x + drop(attn(x))); x = norm2(x + drop(ffn(x)))`` with
    GELU, batch first.

    Args:
        d_model: width.
        num_heads: attention heads.
        ffn_channels: hidden size of the feed-forward block.
        dropout: dropout of attention, feed-forward and residuals.
    """

    def __init__(self,
                 d_model: int,
                 num_heads: int,
                 ffn_channels: int,
                 dropout: float = 0.1) -> None:
        super().__init__()
        self.self_attn = nn.MultiheadAttention(
            d_model, num_heads, dropout=dropout, batch_first=True)
        self.linear1 = nn.Linear(d_model, ffn_channels)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(ffn_channels, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.dropout1 = nn.Dropout(dropout)
        self.dropout2 = nn.Dropout(dropout)

    def forward(self,
                x: torch.Tensor,
                attn_mask: torch.Tensor = None,
                key_padding_mask: torch.Tensor = None) -> torch.Tensor:
        """(B, T, d) -> (B, T, d); masks are additive floats, (T, T) and
        (B, T)."""
        attended, _ = self.self_attn(
            x,
            x,
            x,
            attn_mask=attn_mask,
            key_padding_mask=key_padding_mask,
            need_weights=False)
        x = self.norm1(x + self.dropout1(attended))
        hidden = self.linear2(self.dropout(F.gelu(self.linear1(x))))
        return self.norm2(x + self.dropout2(hidden))
