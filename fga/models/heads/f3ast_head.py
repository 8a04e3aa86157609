"""The F3AST sequence-to-sequence head: per-frame features in, the ordered
sequence of fine-grained event labels out."""
import math
from typing import List, Optional, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModule

from fga.annotations.vocabulary import NUM_SPECIAL_TOKENS, PAD_TOKEN
from ..common import PostNormEncoderLayer
from ..common.memory_cache import cached_decoder_forward, project_memory
from ..utils.event_targets import (IGNORE_INDEX, attribute_targets_table,
                                   frame_event_targets)
from ..utils.masking import drop_random_steps, never_empty
from ..utils.sequence_decoding import (beam_decode, best_first_decode,
                                       greedy_decode, sequence_targets)
from ..utils.sinusoid import sinusoid_table

DECODERS = dict(
    best_first=best_first_decode, greedy=greedy_decode, beam=beam_decode)


@MODELS.register_module()
class F3ASTHead(BaseModule):
    """Encoder over the clip's frames and an autoregressive label decoder.

    Encoder: ``Linear(in, d) + GELU`` (only when ``in_channels > d_model``),
    ``Conv1d(k=3) + GELU``, sinusoidal positions, post-LN transformer
    layers whose self-attention adds the learned bias
    ``I + (1 - I) * sigmoid(A)`` (A: T x T, one value per frame pair,
    shared over the batch and heads). Decoder: scaled token embeddings,
    sinusoidal positions, causal transformer layers over the encoder
    memory, a linear classifier over the vocabulary (pad, start, end, then
    the C classes).

    Loss: token cross-entropy over the targets' classes and ``end`` (pads
    excluded), plus the mean absolute off-diagonal attention bias (its L1
    sparsity term, diagonal zeros counted). During training
    ``mask_ratio`` of each clip's visible frames are also hidden from
    attention.

    Args:
        in_channels: per-frame feature size.
        num_classes: C real classes; the vocabulary has C + 3 tokens.
        clip_len: frames per clip T (size of the attention bias).
        d_model: transformer width (``min(768, in_channels)`` in F3AST).
        attention_bias: learn the T x T bias; ``False`` for the ablation.
        decoder: ``'best_first'`` (the reference), ``'greedy'`` or
            ``'beam'``.
        beam_width: continuations per expansion (best-first) / beam size.
        max_seq_len: longest token sequence (start and end included).
        max_queue: best-first gives up past this queue counter.
        frame_loss_weight: weight of an auxiliary per-frame event
            classification loss on the encoder output (not in F3AST; 0 turns
            it off). Dense per-frame supervision makes small models trained
            from scratch learn the visual cues in fewer steps.
        frame_loss_dilation: frames either side of an event that share its
            label in the auxiliary loss.
        frame_loss_attributes: the C class names, when they compose
            ``_``-separated attributes (side_hand_type_direction_outcome):
            the per-frame loss is then one classification per attribute
            (see :func:`attribute_targets_table`) instead of one over the C
            classes, so every event teaches each attribute whatever the
            others are.
    """

    def __init__(self,
                 in_channels: int,
                 num_classes: int,
                 clip_len: int,
                 d_model: int = 768,
                 num_heads: int = 8,
                 ffn_channels: int = 1024,
                 num_encoder_layers: int = 1,
                 num_decoder_layers: int = 2,
                 dropout: float = 0.1,
                 position_dropout: float = 0.2,
                 max_positions: int = 200,
                 attention_bias: bool = True,
                 mask_ratio: float = 0.15,
                 decoder: str = 'best_first',
                 beam_width: int = 5,
                 max_seq_len: int = 30,
                 max_queue: int = 2000,
                 frame_loss_weight: float = 0.0,
                 frame_loss_dilation: int = 1,
                 frame_loss_attributes: Optional[Sequence[str]] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if decoder not in DECODERS:
            raise ValueError(f'decoder must be one of {sorted(DECODERS)}')
        if clip_len > max_positions:
            raise ValueError(f'clip_len {clip_len} exceeds max_positions '
                             f'{max_positions}')
        self.num_classes = num_classes
        self.vocab_size = num_classes + NUM_SPECIAL_TOKENS
        self.clip_len = clip_len
        self.d_model = d_model
        self.mask_ratio = mask_ratio
        self.decoder_type = decoder
        self.beam_width = beam_width
        self.max_seq_len = max_seq_len
        self.max_queue = max_queue

        self.input_proj = nn.Linear(in_channels, d_model) \
            if in_channels > d_model else None
        conv_in = d_model if self.input_proj is not None else in_channels
        self.input_conv = nn.Conv1d(conv_in, d_model, 3, padding=1)
        # Its own layers: see PostNormEncoderLayer for why not torch's.
        self.encoder_layers = nn.ModuleList(
            PostNormEncoderLayer(d_model, num_heads, ffn_channels, dropout)
            for _ in range(num_encoder_layers))
        self.attention_bias = nn.Embedding(clip_len * clip_len, 1) \
            if attention_bias else None
        self.token_embedding = nn.Embedding(self.vocab_size, d_model)
        self.decoder = nn.TransformerDecoder(
            nn.TransformerDecoderLayer(
                d_model, num_heads, ffn_channels, dropout,
                activation='gelu', batch_first=True), num_decoder_layers)
        self.classifier = nn.Linear(d_model, self.vocab_size)
        self.frame_loss_weight = frame_loss_weight
        self.frame_loss_dilation = frame_loss_dilation
        self.attribute_sizes = None
        frame_outputs = num_classes + 1
        if frame_loss_attributes is not None:
            if len(frame_loss_attributes) != num_classes:
                raise ValueError(
                    f'frame_loss_attributes names '
                    f'{len(frame_loss_attributes)} classes, the head has '
                    f'{num_classes}')
            table, self.attribute_sizes = attribute_targets_table(
                frame_loss_attributes)
            self.register_buffer('attribute_table', table, persistent=False)
            frame_outputs = sum(self.attribute_sizes)
        self.frame_classifier = nn.Linear(d_model, frame_outputs) \
            if frame_loss_weight > 0 else None
        self.encoder_position_dropout = nn.Dropout(position_dropout)
        self.decoder_position_dropout = nn.Dropout(position_dropout)
        self.register_buffer(
            'positions',
            sinusoid_table(max_positions, d_model).transpose(1, 2),
            persistent=False)

    def video_attention(self) -> Optional[torch.Tensor]:
        """(T, T) off-diagonal part of the attention bias."""
        if self.attention_bias is None:
            return None
        learned = torch.sigmoid(
            self.attention_bias.weight.view(self.clip_len, self.clip_len))
        eye = torch.eye(self.clip_len, device=learned.device)
        return (1 - eye) * learned

    def encode(self, feats: torch.Tensor,
               valid_mask: torch.Tensor) -> torch.Tensor:
        """(B, T, C_in), (B, T) -> (B, T, d_model) memory; attention skips
        invalid frames."""
        if feats.shape[1] != self.clip_len:
            raise ValueError(f'F3ASTHead was built for clips of '
                             f'{self.clip_len} frames, got {feats.shape[1]}')
        x = feats
        if self.input_proj is not None:
            x = F.gelu(self.input_proj(x))
        x = F.gelu(self.input_conv(x.transpose(1, 2)).transpose(1, 2))
        x = self.encoder_position_dropout(x + self.positions[:, :x.shape[1]])
        attention = self.video_attention()
        bias = None
        if attention is not None:
            bias = torch.eye(self.clip_len, device=x.device) + attention
        key_padding = _additive_mask(valid_mask, x.dtype)
        for layer in self.encoder_layers:
            x = layer(x, attn_mask=bias, key_padding_mask=key_padding)
        return x

    def decode_logits(self,
                      tokens: torch.Tensor,
                      memory: torch.Tensor,
                      memory_valid_mask: torch.Tensor,
                      hide_pad_tokens: bool = True) -> torch.Tensor:
        """(N, L) tokens over (N, T, d) memory -> (N, L, V) logits.

        ``hide_pad_tokens``: pad tokens are not attended to (teacher
        forcing). Search passes False: the reference then treats a decoded
        pad token like any other, and right padding of a batch of prefixes
        is already hidden by the causal mask.
        """
        x, causal = self._embed_tokens(tokens)
        token_padding = None
        if hide_pad_tokens:
            token_padding = _additive_mask(tokens != PAD_TOKEN, x.dtype)
        out = self.decoder(
            x, memory, tgt_mask=causal, tgt_key_padding_mask=token_padding,
            memory_key_padding_mask=_additive_mask(memory_valid_mask,
                                                   x.dtype))
        return self.classifier(out)

    def _embed_tokens(self, tokens: torch.Tensor):
        """(N, L) -> embedded positions (N, L, d) and the (L, L) causal
        mask."""
        length = tokens.shape[1]
        x = self.token_embedding(tokens) * math.sqrt(self.d_model)
        x = self.decoder_position_dropout(x + self.positions[:, :length])
        causal = torch.triu(
            torch.full((length, length), float('-inf'), device=x.device), 1)
        return x, causal

    def forward(self, feats: torch.Tensor,
                valid_mask: torch.Tensor) -> torch.Tensor:
        """Memory of the clip: (B, T, C_in), (B, T) -> (B, T, d_model)."""
        return self.encode(feats, never_empty(valid_mask))

    def targets(self, data_samples) -> torch.Tensor:
        """(B, max_seq_len) teacher-forcing tokens from the samples'
        ``event_labels`` (see :func:`sequence_targets`)."""
        names = [
            f'video {s.metainfo.get("video", "?")} (window at frame '
            f'{s.metainfo.get("clip_start", "?")})' for s in data_samples
        ]
        return sequence_targets([s.event_labels for s in data_samples],
                                self.max_seq_len, names)

    def loss(self, feats: torch.Tensor, data_samples,
             valid_mask: torch.Tensor) -> dict:
        """Token cross-entropy (+ the attention-bias L1 term and the
        optional per-frame loss).

        Args:
            feats: (B, T, C_in) per-frame features.
            data_samples: ``event_labels`` (k,) and ``event_positions`` (k,)
                of the events in each clip, in time order.
            valid_mask: (B, T) True on real frames.
        """
        mask = valid_mask
        if self.training:
            mask = drop_random_steps(mask, self.mask_ratio)
        mask = never_empty(mask)
        memory = self.encode(feats, mask)
        tokens = self.targets(data_samples).to(feats.device)
        logits = self.decode_logits(tokens[:, :-1], memory, mask)
        targets = tokens[:, 1:]
        valid = targets > PAD_TOKEN
        losses = dict(loss_seq=F.cross_entropy(logits[valid], targets[valid]))
        attention = self.video_attention()
        if attention is not None:
            losses['loss_attention'] = attention.abs().mean()
        if self.frame_classifier is not None:
            frame_targets = frame_event_targets(data_samples, feats.shape[1],
                                                valid_mask,
                                                self.frame_loss_dilation)
            losses['loss_frame'] = self.frame_loss_weight * self.frame_loss(
                self.frame_classifier(memory).flatten(0, 1),
                frame_targets.flatten())
        return losses

    def frame_loss(self, logits: torch.Tensor,
                   targets: torch.Tensor) -> torch.Tensor:
        """(N, outputs) logits, (N,) targets (0 background, class + 1,
        ignored) -> the per-frame loss: one cross-entropy over the classes,
        or the mean of the per-attribute cross-entropies."""
        if self.attribute_sizes is None:
            return F.cross_entropy(logits, targets, ignore_index=IGNORE_INDEX)
        keep = targets != IGNORE_INDEX
        logits, values = logits[keep], self.attribute_table[targets[keep]]
        return torch.stack([
            F.cross_entropy(part, values[:, p])
            for p, part in enumerate(logits.split(self.attribute_sizes, 1))
        ]).mean()

    def decode(self, memory: torch.Tensor, valid_mask: torch.Tensor) -> List:
        """Token ids and probability rows per sample (see
        :mod:`fga.models.utils.sequence_decoding`)."""
        if self.training:  # attention dropout: only the module has it

            def step(prefixes, rows):
                return self.decode_logits(
                    prefixes, memory[rows], valid_mask[rows],
                    hide_pad_tokens=False)
        else:
            # The memory's keys / values are projected once per search.
            cache = project_memory(self.decoder, memory)
            padding = _additive_mask(valid_mask, memory.dtype)

            def step(prefixes, rows):
                x, causal = self._embed_tokens(prefixes)
                return self.classifier(
                    cached_decoder_forward(self.decoder, x, causal, cache,
                                           rows, padding[rows]))

        kwargs = dict(max_length=self.max_seq_len)
        if self.decoder_type != 'greedy':
            kwargs['width'] = self.beam_width
        if self.decoder_type == 'best_first':
            kwargs['max_queue'] = self.max_queue
        return DECODERS[self.decoder_type](step, memory.shape[0],
                                           self.vocab_size, memory.device,
                                           **kwargs)

    @torch.no_grad()
    def predict(self, feats: torch.Tensor, data_samples,
                valid_mask: torch.Tensor):
        """Set each sample's ``pred_tokens``, ``pred_labels`` (class
        indices) and ``pred_scores`` (one probability row per label)."""
        mask = never_empty(valid_mask)
        memory = self.encode(feats, mask)
        for sample, (tokens, rows) in zip(data_samples,
                                          self.decode(memory, mask)):
            tokens = torch.tensor(tokens[:self.max_seq_len])
            rows = rows[:self.max_seq_len]
            keep = tokens >= NUM_SPECIAL_TOKENS
            sample.pred_tokens = tokens
            sample.pred_labels = tokens[keep] - NUM_SPECIAL_TOKENS
            # Class columns of the softmax, not renormalised (as the
            # reference scores mAP).
            sample.pred_scores = rows[keep.to(rows.device),
                                      NUM_SPECIAL_TOKENS:]
        return data_samples


def _additive_mask(valid_mask: torch.Tensor, dtype) -> torch.Tensor:
    """0 on valid positions, -inf elsewhere (torch attention's float key
    padding mask)."""
    return torch.zeros(valid_mask.shape, dtype=dtype,
                       device=valid_mask.device).masked_fill(
                           ~valid_mask, float('-inf'))
