"""HAAN's math against direct transcriptions of the reference loops."""
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from fga.annotations import class_balance_weights
from fga.models.utils import (above_mean_pooling, cas_proposals,
                              coarse_level_representations,
                              fine_level_representations, visual_concepts)


def test_above_mean_pooling():
    scores = torch.tensor([[1., 0.], [3., 0.], [2., 4.], [-2., 0.]])
    # class 0: mean 1 -> clips 1, 3, 2 -> 2; class 1: mean 1 -> clip 4
    assert above_mean_pooling(scores).tolist() == [2.0, 4.0]


def test_class_balance_weights():
    labels = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 1], [1, 0, 0]])
    pos, neg = class_balance_weights(labels)
    np.testing.assert_allclose(pos, [3 / 3, 3 / 1, 3 / 2])
    np.testing.assert_allclose(neg, [3 / 1, 3 / 3, 3 / 2])
    pos, neg = class_balance_weights(np.ones((2, 2)))
    assert neg.tolist() == [0, 0]


def _loop_concepts(feature, label, k):
    out = []
    for i in range(k):
        vc = feature[torch.where(label == i)]
        out.append(torch.zeros(1, feature.shape[1]) if len(vc) == 0 else
                   vc.mean(0, keepdim=True))
    return torch.cat(out)


def _loop_fine_reps(weights, concepts, top_k):
    c, k, e = weights.shape[0], concepts.shape[0], concepts.shape[1]
    sim = F.cosine_similarity(weights[:, None].expand(c, k, e),
                              concepts[None].expand(c, k, e), dim=2)
    masks = torch.zeros(c, k)
    for i, index in enumerate(sim.topk(top_k, dim=1)[1]):
        masks[i, index] = 1
    return (concepts[None].expand(c, k, e) * masks[..., None]).sum(1) / top_k


def test_vectorised_concepts_match_the_loops():
    torch.manual_seed(0)
    feature = torch.randn(57, 32, requires_grad=True)
    label = torch.randint(0, 20, (57, ))
    label[label == 3] = 4  # one empty concept
    concepts = visual_concepts(feature, label, 20)
    reference = _loop_concepts(feature, label, 20)
    torch.testing.assert_close(concepts, reference, atol=2e-7, rtol=0)
    assert concepts[3].abs().sum() == 0
    weights = torch.randn(9, 32)
    reps = fine_level_representations(weights, concepts, 5)
    torch.testing.assert_close(reps, _loop_fine_reps(weights, concepts, 5),
                               atol=2e-7, rtol=0)
    reps.sum().backward()
    assert feature.grad.abs().sum() > 0


def test_coarse_pooling():
    fine = torch.tensor([[1., 5.], [3., 1.], [10., 0.]])
    mapping = torch.tensor([0, 0, 1])
    torch.testing.assert_close(
        coarse_level_representations(fine, mapping, 2, 'mean'),
        torch.tensor([[2., 3.], [10., 0.]]))
    torch.testing.assert_close(
        coarse_level_representations(fine, mapping, 2, 'max'),
        torch.tensor([[3., 5.], [10., 0.]]))
    with pytest.raises(ValueError, match='pooling'):
        coarse_level_representations(fine, mapping, 2, 'sum')


def _reference_proposals(score, sec2clip, alpha, factor):
    """The reference evaluator's loop (one video)."""
    sorted_score = -np.sort(-score, axis=0)
    c_s = sorted_score[:int(np.ceil(len(score) / factor))].mean(0)
    score = score * (c_s > 0)
    out = []
    for c in range(score.shape[1]):
        column = score[:, c]
        threshold = column.mean() + (column.max() - column.min()) * alpha
        padded = np.concatenate([[0], (column > threshold) * 1.0, [0]])
        diff = np.diff(padded)
        for s, e in zip(np.flatnonzero(diff == 1), np.flatnonzero(diff == -1)):
            out.append([s / sec2clip, e / sec2clip,
                        column[s:e].max() + 0.5 * c_s[c], c])
    return np.array(out).reshape(-1, 4)


@pytest.mark.parametrize('alpha,factor', [(0.1, 2), (-0.8, 4)])
def test_cas_proposals_match_the_reference(alpha, factor):
    rng = np.random.default_rng(0)
    cas = rng.normal(0.2, 1, (61, 11))
    segments, scores, labels = cas_proposals(cas, 1.5, alpha, factor)
    ours = np.column_stack([segments, scores, labels])
    theirs = _reference_proposals(cas, 1.5, alpha, factor)
    key = lambda a: a[np.lexsort((a[:, 0], a[:, 3]))]  # noqa: E731
    np.testing.assert_allclose(key(ours), key(theirs), rtol=0, atol=1e-12)
    assert (np.diff(scores) <= 0).all()


def test_cas_proposals_edge_cases():
    cas = np.array([[-1., 2.], [-1., 2.], [-3., -1.]])
    segments, scores, labels = cas_proposals(cas, 1.0, 0.0, 2)
    # class 0 has a negative video score: no proposals; class 1: [0, 2)
    assert labels.tolist() == [1] and segments.tolist() == [[0.0, 2.0]]
    assert scores[0] == pytest.approx(2 + 0.5 * 2)
    empty = cas_proposals(-np.ones((4, 3)), 1.0, 0.1, 2)
    assert [len(x) for x in empty] == [0, 0, 0]
    assert math.isclose(cas_proposals(np.array([[1.0], [3.0]]), 2.0, 0.0,
                                      1)[0][0, 1], 1.0)
