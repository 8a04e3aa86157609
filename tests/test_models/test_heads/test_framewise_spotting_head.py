import torch
from mmaction.structures import ActionDataSample

from fga.models import FramewiseSpottingHead
from fga.models.heads.framewise_spotting_head import local_maxima, spot_runs
from fga.models.utils import frame_event_targets


def test_spot_runs_peaks():
    fg = torch.tensor([.1, .6, .9, .7, .1, .8, .2])
    is_event = torch.tensor([0, 1, 1, 1, 0, 1, 0], dtype=torch.bool)
    assert spot_runs(fg, is_event) == [2, 5]
    assert spot_runs(fg, torch.zeros(7, dtype=torch.bool)) == []


def test_local_maxima_per_class():
    scores = torch.tensor([[.9, .0], [.5, .3], [.6, .0], [.0, .02]])
    frames, classes = local_maxima(scores, window=1, threshold=0.05)
    assert list(zip(frames.tolist(), classes.tolist())) == [(0, 0), (1, 1),
                                                            (2, 0)]


def _sample(positions, labels, padded=0, length=8):
    s = ActionDataSample()
    s.event_positions = torch.tensor(positions, dtype=torch.float)
    s.event_labels = torch.tensor(labels)
    s.valid_mask = torch.arange(length) < length - padded
    s.set_metainfo(dict(clip_start=-2, stride=2))
    return s


def test_targets_dilation_and_padding():
    samples = [_sample([2.4, 6.0], [0, 2], padded=1)]
    mask = torch.stack([s.valid_mask for s in samples])
    targets = frame_event_targets(samples, 8, mask, dilation=1)
    assert targets[0].tolist() == [0, 1, 1, 1, 0, 3, 3, -100]


def test_head_learns_and_decodes():
    torch.manual_seed(0)
    head = FramewiseSpottingHead(in_channels=4, num_classes=3,
                                 hidden_channels=16, dropout=0.0)
    feats = torch.zeros(1, 8, 4)
    feats[0, 2, 0] = 3.0
    feats[0, 6, 1] = 3.0
    samples = [_sample([2.0, 6.0], [0, 2])]
    mask = torch.ones(1, 8, dtype=torch.bool)
    opt = torch.optim.Adam(head.parameters(), lr=0.05)
    for _ in range(150):
        loss = head.loss(feats, samples, valid_mask=mask)['loss_cls']
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.05
    head.eval()
    out = head.predict(feats, samples, valid_mask=mask)[0]
    assert out.pred_labels.tolist() == [0, 2]
    assert out.pred_scores.shape == (2, 3)
    assert torch.allclose(out.pred_scores.sum(-1), torch.ones(2))
    # Raw frames: clip_start + position * stride.
    best = out.pred_event_scores.argsort(descending=True)[:2]
    assert sorted(out.pred_event_frames[best].tolist()) == [2, 10]
