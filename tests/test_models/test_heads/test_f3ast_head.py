"""F3ASTHead against the reference implementation (F3AST123/F3AST).

``tests/data/f3ast_reference_tiny.pth`` holds a tiny reference encoder and
decoder (random weights, dropout 0), its inputs and its outputs: encoder
memory, teacher-forced logits, the attention-bias L1 term and the
best-first decode of each sample (one ends with ``end``, one hits the queue
cap). Our head loads the weights through the converter's key mapping.
"""
import os.path as osp

import pytest
import torch
from mmaction.structures import ActionDataSample

from fga.models import F3ASTHead
from fga.models.converters import convert_f3ast_state_dict
from fga.models.utils import drop_random_steps

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__)))))
FIXTURE = osp.join(ROOT, 'tests', 'data', 'f3ast_reference_tiny.pth')


@pytest.fixture(scope='module')
def reference():
    return torch.load(FIXTURE, weights_only=True)


@pytest.fixture(scope='module')
def head(reference):
    cfg = reference['config']
    head = F3ASTHead(
        in_channels=cfg['in_channels'], num_classes=cfg['vocab_size'] - 3,
        clip_len=cfg['clip_len'], d_model=cfg['d_model'],
        num_heads=cfg['num_heads'], ffn_channels=cfg['ffn_channels'],
        dropout=0.0, position_dropout=0.0)
    converted = convert_f3ast_state_dict(reference['state_dict'])
    state = {k[len('head.'):]: v for k, v in converted.items()}
    missing, unexpected = head.load_state_dict(state, strict=True), None
    assert unexpected is None and not missing.missing_keys
    return head.eval()


def test_encoder_and_decoder_logits_match_reference(head, reference):
    with torch.no_grad():
        valid = ~reference['padding_mask']
        memory = head.encode(reference['src'], valid)
        logits = head.decode_logits(reference['tokens'], memory, valid)
    torch.testing.assert_close(memory, reference['memory'], atol=1e-5,
                               rtol=0)
    torch.testing.assert_close(logits, reference['logits'], atol=1e-5,
                               rtol=0)
    assert head.video_attention().abs().mean().item() == pytest.approx(
        reference['attention_l1'].item(), abs=1e-7)


def test_best_first_decode_matches_reference(head, reference):
    valid = ~reference['padding_mask']
    with torch.no_grad():
        memory = head.encode(reference['src'], valid)
        decoded = head.decode(memory, valid)
    for b, (tokens, rows) in enumerate(decoded):
        expected = reference['decoded_tokens'][b]
        length = int((expected > 0).sum())
        assert tokens[:30] == expected[:length].tolist()
        torch.testing.assert_close(rows[:length],
                                   reference['decoded_probs'][b, :length],
                                   atol=1e-5, rtol=0)


def test_converter_maps_every_reference_key(reference):
    converted = convert_f3ast_state_dict(
        {'module.' + k: v for k, v in reference['state_dict'].items()})
    assert all(k.startswith('head.') for k in converted)
    assert 'head.attention_bias.weight' in converted
    with pytest.raises(KeyError, match='no fga counterpart'):
        convert_f3ast_state_dict({'_mystery.weight': torch.zeros(1)})


def test_slowfast_keys_map_to_backbone():
    converted = convert_f3ast_state_dict({
        '_glb_feat.slow_path.conv1.conv.weight': torch.zeros(1),
        '_glb_feat.fast_path.layer4.2.bn3.bias': torch.zeros(1),
    })
    assert list(converted) == ['backbone.slow_path.conv1.conv.weight',
                               'backbone.fast_path.layer4.2.bn3.bias']


def test_loss_terms_and_masking():
    torch.manual_seed(0)
    head = F3ASTHead(in_channels=8, num_classes=4, clip_len=6, d_model=8,
                     num_heads=2, ffn_channels=16)
    samples = []
    for labels in ([0, 1], []):
        s = ActionDataSample()
        s.event_labels = torch.tensor(labels, dtype=torch.long)
        samples.append(s)
    assert head.targets(samples)[:, :5].tolist() == [
        [1, 3, 4, 2, 0], [1, 2, 0, 0, 0]]
    mask = torch.ones(2, 6, dtype=torch.bool)
    losses = head.loss(torch.randn(2, 6, 8), samples, valid_mask=mask)
    assert set(losses) == {'loss_seq', 'loss_attention'}
    # L1 of the off-diagonal sigmoid bias over all T x T entries.
    expected = torch.sigmoid(head.attention_bias.weight).view(6, 6)
    expected = (expected * (1 - torch.eye(6))).abs().mean()
    assert losses['loss_attention'].item() == pytest.approx(expected.item())
    masked = ~drop_random_steps(
        ~torch.tensor([[False] * 20, [False] * 10 + [True] * 10]), 0.15)
    assert masked.sum(1).tolist() == [3, 11]


def test_no_nan_for_padded_clips():
    head = F3ASTHead(in_channels=8, num_classes=4, clip_len=6, d_model=8,
                     num_heads=2, ffn_channels=16, decoder='greedy').eval()
    mask = torch.tensor([[False] * 2 + [True] * 4, [True] * 6])
    samples = [ActionDataSample(), ActionDataSample()]
    out = head.predict(torch.randn(2, 6, 8), samples, valid_mask=~mask)
    for s in out:
        assert not torch.isnan(s.pred_scores).any()
        assert s.pred_scores.shape == (len(s.pred_labels), 4)


def test_auxiliary_frame_loss():
    torch.manual_seed(0)
    head = F3ASTHead(in_channels=8, num_classes=4, clip_len=6, d_model=8,
                     num_heads=2, ffn_channels=16, frame_loss_weight=0.5)
    sample = ActionDataSample()
    sample.event_positions = torch.tensor([2.0])
    sample.event_labels = torch.tensor([1])
    feats = torch.randn(1, 6, 8, requires_grad=True)
    losses = head.loss(feats, [sample],
                       valid_mask=torch.ones(1, 6, dtype=torch.bool))
    assert losses['loss_frame'] > 0
    losses['loss_frame'].backward()
    assert feats.grad.abs().sum() > 0
    assert F3ASTHead(in_channels=8, num_classes=4, clip_len=6, d_model=8,
                     num_heads=2).frame_classifier is None


def test_attribute_frame_loss_is_the_mean_of_per_attribute_losses():
    torch.manual_seed(0)
    names = ['near_fh_in', 'near_bh_last', 'far_fh_in', 'far_bh_in']
    head = F3ASTHead(in_channels=8, num_classes=4, clip_len=6, d_model=8,
                     num_heads=2, ffn_channels=16, frame_loss_weight=1.0,
                     frame_loss_attributes=names)
    assert head.attribute_sizes == [3, 3, 3]
    assert head.frame_classifier.out_features == 9
    logits = torch.randn(3, 9)
    # background, far_bh_in, ignored
    targets = torch.tensor([0, 4, -100])
    parts = logits[:2].split([3, 3, 3], 1)
    # far_bh_in: far = value 1 of (far, near), bh = 1 of (bh, fh),
    # in = 1 of (in, last); every value shifted by the background's 0.
    expected = torch.stack([
        torch.nn.functional.cross_entropy(part, torch.tensor([0, 1]))
        for part in parts
    ]).mean()
    assert torch.allclose(head.frame_loss(logits, targets), expected)
    with pytest.raises(ValueError, match='names 3 classes'):
        F3ASTHead(in_channels=8, num_classes=4, clip_len=6, d_model=8,
                  num_heads=2, frame_loss_weight=1.0,
                  frame_loss_attributes=names[:3])
