import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from fga.utils.setup_env import register_all_modules

register_all_modules()


def samples(events, elements, hands=(0, 1)):
    out = []
    for ev, el in zip(events, elements):
        s = ActionDataSample()
        s.frame_events = torch.tensor(ev)
        s.frame_elements = torch.tensor(el, dtype=torch.float32)
        s.hands = torch.tensor(hands)
        out.append(s)
    return out


def build(**kwargs):
    torch.manual_seed(0)
    return MODELS.build(
        dict(type='F3EDHead', in_channels=6, num_elements=3,
             hidden_channels=8, **kwargs))


def test_losses_follow_their_definitions():
    head = build(localizer=dict(type='FrameEventLocalizer', event_weight=5))
    head.eval()  # no dropout: the forward pass is a function
    feats = torch.randn(2, 4, 6)
    valid = torch.tensor([[True] * 4, [True, True, True, False]])
    data = samples([[0, 1, 0, 0], [1, 0, 0, 1]],
                   [[[0] * 3, [1, 0, 1], [0] * 3, [0] * 3],
                    [[0, 1, 0], [0] * 3, [0] * 3, [1, 1, 1]]])
    losses = head.loss(feats, data, valid)
    event_logits, element_logits = head(feats, valid)
    targets = torch.tensor([[0, 1, 0, 0], [1, 0, 0, -100]])
    expected = F.cross_entropy(event_logits.flatten(0, 1), targets.flatten(),
                               weight=torch.tensor([1., 5.]))
    assert torch.allclose(losses['loss_event'], expected)
    # Element BCE over the two event frames on valid frames only.
    rows = torch.stack([element_logits[0, 1], element_logits[1, 0]])
    target = torch.tensor([[1., 0, 1], [0, 1, 0]])
    assert torch.allclose(losses['loss_element'],
                          F.binary_cross_entropy_with_logits(rows, target))
    none = head.loss(feats, samples([[0] * 4] * 2, [[[0] * 3] * 4] * 2),
                     valid)
    assert none['loss_element'].item() == 0


def test_context_module_trains_and_refines_detected_events_only():
    head = build(context=dict(type='EventContextModule', hidden_channels=4),
                 side_element=0)
    feats = torch.randn(1, 12, 6, requires_grad=True)
    valid = torch.ones(1, 12, dtype=torch.bool)
    data = samples([[0, 0, 1] + [0] * 6 + [1, 0, 0]],
                   [[[0] * 3] * 2 + [[1, 0, 1]] + [[0] * 3] * 6 +
                    [[0, 1, 1]] + [[0] * 3] * 2])
    losses = head.loss(feats, data, valid)
    assert set(losses) == {'loss_event', 'loss_element', 'loss_context'}
    sum(losses.values()).backward()
    assert head.context.fc.weight.grad.abs().sum() > 0
    head.eval()
    with torch.no_grad():
        # Make frame 5 the only event.
        head.localizer.fc.weight.zero_()
        head.localizer.fc.bias.copy_(torch.tensor([0., -1.]))
        out = head.predict(feats.detach(), samples([[0] * 12], [[[0] * 3] *
                                                                12]), valid)
        plain = torch.sigmoid(head(feats.detach(), valid)[1])[0]
    probs = out[0].pred_element_probs
    assert out[0].pred_event_probs.shape == (12, 2)
    # With equal event scores every frame ties in NMS but none is an event
    # (p(event) < p(no event)): nothing is refined.
    assert torch.allclose(probs, plain)
    with torch.no_grad():
        head.localizer.fc.bias.copy_(torch.tensor([0., 1.]))
        head.localizer.fc.weight[1, 0] = 0.0
        feats2 = feats.detach().clone()
        out = head.predict(feats2, samples([[0] * 12], [[[0] * 3] * 12]),
                           valid)
    changed = (out[0].pred_element_probs - plain).abs().sum(1) > 1e-6
    assert changed.all()  # all frames tie and are events: all refined


def test_context_module_ignores_padding():
    torch.manual_seed(0)
    module = MODELS.build(dict(type='EventContextModule', in_channels=3,
                               out_channels=3, hidden_channels=4)).eval()
    seq = torch.rand(1, 2, 3)
    alone = module(seq, [2])
    padded = torch.cat([seq, torch.zeros(1, 3, 3)], 1)
    batch = torch.cat([padded, torch.rand(1, 5, 3)])
    assert torch.allclose(module(batch, [2, 5])[0, :2], alone[0], atol=1e-6)
    assert module(torch.zeros(1, 4, 3), [0]).shape == (1, 4, 3)


def test_side_information_is_the_hitters_handedness():
    head = build(context=dict(type='EventContextModule', hidden_channels=4),
                 side_element=0)
    vectors = torch.tensor([[0.8, 0.1, 0.3], [0.2, 0.9, 0.4]])
    # Far left-handed (hands[0] = 1), near right-handed: the first event's
    # hitter is near (p(near) 0.8), the second far.
    out = head._with_side(vectors, torch.tensor([1, 0]))
    assert out[:, 0].tolist() == [0.0, 1.0]
    assert torch.equal(out[:, 1:], vectors)
