"""(Soft-)NMS against the ActionFormer C++ extension's values (design doc
table: segments [0,10], [1,11], [20,30], [0,5]; scores .9 .8 .7 .6)."""
import pytest
import torch

from fga.models.utils import batched_nms_1d, nms_1d, soft_nms_1d

SEGMENTS = torch.tensor([[0., 10.], [1., 11.], [20., 30.], [0., 5.]])
SCORES = torch.tensor([.9, .8, .7, .6])


def test_hard_nms_uses_the_1e6_lengths():
    # [0,5] vs [0,10] has IoU 0.4999999 < 0.5 and survives
    assert nms_1d(SEGMENTS, SCORES, 0.5).tolist() == [0, 2, 3]


def test_linear_soft_nms():
    index, segments, scores = soft_nms_1d(SEGMENTS, SCORES, 0.5, 0.5, 0.001,
                                          'linear')
    assert index.tolist() == [0, 2, 3, 1]
    torch.testing.assert_close(scores,
                               torch.tensor([.9, .7, .6, .8 * (1 - 9 / 11)]))
    torch.testing.assert_close(segments, SEGMENTS[[0, 2, 3, 1]])


def test_gaussian_soft_nms_divides_by_sigma_and_ignores_threshold():
    index, _, scores = soft_nms_1d(SEGMENTS, SCORES, 0.5, 0.5, 0.001)
    assert index.tolist() == [0, 2, 3, 1]
    expected = torch.tensor([
        .9, .7, .6 * torch.exp(torch.tensor(-0.5)).item(),
        .8 * torch.exp(torch.tensor(-(9 / 11)**2 / .5)).item() *
        torch.exp(torch.tensor(-(4 / 11)**2 / .5)).item()
    ])
    torch.testing.assert_close(scores, expected)
    assert scores[2].item() == pytest.approx(0.36392, abs=1e-5)
    assert scores[3].item() == pytest.approx(0.16098, abs=1e-5)


def test_soft_nms_drops_scores_below_min_score():
    index, _, _ = soft_nms_1d(SEGMENTS, torch.tensor([.9, .002, .7, .6]), 0.5,
                              0.5, 0.001)
    assert index.tolist() == [0, 2, 3]


def test_soft_nms_cap_gives_the_same_prefix():
    torch.manual_seed(0)
    starts = torch.rand(300) * 100
    segments = torch.stack([starts, starts + torch.rand(300) * 20], 1)
    scores = torch.rand(300)
    full = soft_nms_1d(segments, scores, 0.1, 0.5, 0.001)
    capped = soft_nms_1d(segments, scores, 0.1, 0.5, 0.001, max_num=50)
    assert capped[0].tolist() == full[0][:50].tolist()
    torch.testing.assert_close(capped[2], full[2][:50])


def test_multiclass_nms_without_voting():
    segments, scores, labels = batched_nms_1d(SEGMENTS, SCORES,
                                              torch.tensor([0, 0, 1, 1]), 0.1,
                                              0.001, 200)
    torch.testing.assert_close(segments, SEGMENTS[[0, 2, 3, 1]])
    torch.testing.assert_close(scores,
                               torch.tensor([.9, .7, .6, .2097]),
                               atol=1e-4, rtol=0)
    assert labels.tolist() == [0, 1, 1, 0]


def test_class_agnostic_nms_with_voting():
    segments, scores, _ = batched_nms_1d(SEGMENTS, SCORES,
                                         torch.tensor([0, 0, 1, 1]), 0.1,
                                         0.001, 200, multiclass=False,
                                         voting_thresh=0.7)
    torch.testing.assert_close(
        segments,
        torch.tensor([[0.4211, 10.4211], [20., 30.], [0., 5.],
                      [0.5207, 10.5207]]), atol=1e-4, rtol=0)
    torch.testing.assert_close(scores, torch.tensor([.9, .7, .36392, .16098]),
                               atol=1e-5, rtol=0)


def test_caps_and_empty_input():
    segments, scores, labels = batched_nms_1d(SEGMENTS, SCORES,
                                              torch.tensor([0, 0, 1, 1]), 0.1,
                                              0.001, 2)
    assert len(scores) == 2 and scores.tolist() == pytest.approx([.9, .7])
    empty = batched_nms_1d(torch.zeros(0, 2), torch.zeros(0),
                           torch.zeros(0, dtype=torch.long), 0.1, 0.001, 200)
    assert [len(x) for x in empty] == [0, 0, 0]


def test_hard_variant_prefilters_by_min_score():
    segments, scores, _ = batched_nms_1d(SEGMENTS,
                                         torch.tensor([.9, .8, .7, .0005]),
                                         torch.zeros(4, dtype=torch.long),
                                         0.5, 0.001, 200, use_soft_nms=False)
    assert scores.tolist() == pytest.approx([.9, .7])


def test_unknown_method():
    with pytest.raises(ValueError, match='unknown Soft-NMS method'):
        soft_nms_1d(SEGMENTS, SCORES, 0.5, 0.5, 0.001, 'cubic')


def _compacting_soft_nms(segments, scores, iou_threshold, sigma, min_score,
                         method, max_num):
    """The previous implementation (survivors compacted every step), kept
    as the reference the lockstep search must reproduce bit for bit."""
    from fga.models.utils import segment_overlaps
    remaining = torch.arange(len(segments))
    current = scores.clone()
    alive = segments
    sigma = torch.tensor(sigma, dtype=torch.float32)
    picked, picked_scores = [], []
    limit = max_num if max_num > 0 else len(remaining)
    while len(remaining) and len(picked) < limit:
        best = int(current.argmax())
        picked.append(int(remaining[best]))
        picked_scores.append(float(current[best]))
        rest = torch.ones(len(remaining), dtype=torch.bool)
        rest[best] = False
        overlap = segment_overlaps(alive[best], alive[rest])
        if method == 'gaussian':
            weight = torch.exp(-(overlap * overlap) / sigma)
        elif method == 'linear':
            weight = torch.where(overlap >= iou_threshold, 1 - overlap,
                                 torch.ones_like(overlap))
        else:
            weight = (overlap < iou_threshold).float()
        decayed = current[rest] * weight
        survive = decayed >= min_score
        remaining = remaining[rest][survive]
        current = decayed[survive]
        alive = alive[rest][survive]
    return (torch.tensor(picked, dtype=torch.long),
            torch.tensor(picked_scores, dtype=torch.float32))


def _compacting_nms(segments, scores, iou_threshold):
    from fga.models.utils import segment_overlaps
    order = torch.sort(scores, descending=True, stable=True)[1]
    alive = torch.ones(len(order), dtype=torch.bool)
    ordered = segments[order]
    for i in range(len(order)):
        if alive[i]:
            overlap = segment_overlaps(ordered[i], ordered[i + 1:])
            alive[i + 1:] &= ~(overlap >= iou_threshold)
    return order[alive]


def _compacting_batched(segments, scores, labels, iou_threshold, min_score,
                        max_seg_num, use_soft_nms):
    parts = []
    for c in torch.unique(labels):
        seg, sco = segments[labels == c], scores[labels == c]
        if use_soft_nms:
            index, out = _compacting_soft_nms(seg, sco, iou_threshold, 0.5,
                                              min_score, 'gaussian',
                                              max_seg_num)
        else:
            valid = sco > min_score
            seg, sco = seg[valid], sco[valid]
            index = _compacting_nms(seg, sco, iou_threshold)
            out = sco[index]
        parts.append((seg[index][:max_seg_num], out[:max_seg_num],
                      torch.full((len(out[:max_seg_num]), ), int(c))))
    segs, outs, labs = (torch.cat(x) for x in zip(*parts))
    order = torch.sort(outs, descending=True, stable=True)[1][:max_seg_num]
    return segs[order], outs[order], labs[order]


def _random_candidates(seed, n, n_classes, grid):
    """Random candidates; ``grid`` rounds boundaries and scores so that
    identical segments and exact score ties occur."""
    generator = torch.Generator().manual_seed(seed)
    starts = torch.rand(n, generator=generator) * 300
    lengths = torch.rand(n, generator=generator) * 40
    scores = torch.rand(n, generator=generator)
    if grid:
        starts, lengths = starts.round(), lengths.round() + 1
        scores = (scores * 8).round() / 8
    segments = torch.stack([starts, starts + lengths], 1)
    labels = torch.randint(n_classes, (n, ), generator=generator)
    return segments, scores, labels


@pytest.mark.parametrize('method', ['gaussian', 'linear', 'hard'])
@pytest.mark.parametrize('grid', [False, True])
def test_soft_nms_is_bit_identical_to_the_compacting_search(method, grid):
    for seed in range(4):
        segments, scores, _ = _random_candidates(seed, 150, 1, grid)
        for max_num in (0, 30):
            index, out_segments, out_scores = soft_nms_1d(
                segments, scores, 0.3, 0.5, 0.01, method, max_num)
            ref_index, ref_scores = _compacting_soft_nms(
                segments, scores, 0.3, 0.5, 0.01, method, max_num)
            assert torch.equal(index, ref_index)
            assert torch.equal(out_scores, ref_scores)
            assert torch.equal(out_segments, segments[ref_index])


@pytest.mark.parametrize('grid', [False, True])
def test_nms_is_identical_to_the_sequential_search(grid):
    for seed in range(4):
        segments, scores, _ = _random_candidates(seed, 200, 1, grid)
        assert torch.equal(nms_1d(segments, scores, 0.4),
                           _compacting_nms(segments, scores, 0.4))


@pytest.mark.parametrize('use_soft_nms', [True, False])
@pytest.mark.parametrize('grid', [False, True])
@pytest.mark.parametrize('max_seg_num', [200, 15])
def test_lockstep_classes_are_bit_identical_to_class_by_class(
        use_soft_nms, grid, max_seg_num):
    for seed in range(3):
        segments, scores, labels = _random_candidates(seed, 600, 7, grid)
        ours = batched_nms_1d(segments, scores, labels, 0.1, 0.001,
                              max_seg_num, use_soft_nms=use_soft_nms)
        reference = _compacting_batched(segments, scores, labels, 0.1, 0.001,
                                        max_seg_num, use_soft_nms)
        for x, y in zip(ours, reference):
            assert torch.equal(x, y)
