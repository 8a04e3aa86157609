"""HAAN training cost on FineGym-sized random features: the concept step
(visual concepts + fine-level representations) vectorised against the
reference's per-concept / per-class loops (same outputs), one training
epoch, and the atomic-action discovery (encode + KMeans) by fga's hook
against the reference's call in the same run.

    python benchmarks/haan_speed.py [--videos 3775] [--device cuda] \
        [--n-init auto|10] [--concept-videos 20]

FineGym geometry: 2048-d I3D clips, ceil(1.5 x event seconds) clips per
video (random lengths 8-309 here), E = 2048, 99 fine / 14 coarse classes,
K = 500, batch 2, sample rate 0.1. The default --videos 3775 is the full
training set (about 2.5 GB of features); pass fewer on a small CPU.
"""
import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F
from mmaction.structures import ActionDataSample

from fga.models.utils import (fine_level_representations, pad_sequences,
                              visual_concepts)
from fga.utils import register_all_modules

FINE_PER_COARSE = [6, 11, 7, 7, 10, 12, 4, 8, 4, 5, 15, 5, 2, 3]


def loop_concept_step(hidden, labels, weights, k, top):
    """The reference's per-concept mean and per-class masked sum."""
    dim = hidden.shape[1]
    concepts = []
    for i in range(k):
        vc = hidden[torch.where(labels == i)]
        concepts.append(hidden.new_zeros(1, dim) if len(vc) == 0 else
                        vc.mean(0, keepdim=True))
    concepts = torch.cat(concepts)
    c = weights.shape[0]
    sim = F.cosine_similarity(weights[:, None].expand(c, k, dim),
                              concepts[None].expand(c, k, dim), dim=2)
    masks = hidden.new_zeros(c, k)
    for i, index in enumerate(sim.topk(top, dim=1)[1]):
        masks[i, index] = 1
    return (concepts[None].expand(c, k, dim) * masks[..., None]).sum(1) / top


def timed(fn, device):
    if device == 'cuda':
        torch.cuda.synchronize()
    start = time.perf_counter()
    out = fn()
    if device == 'cuda':
        torch.cuda.synchronize()
    return time.perf_counter() - start, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--videos', type=int, default=3775)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--n-init', default='auto',
                        help="fga's KMeans restarts ('auto' or a number)")
    parser.add_argument('--concept-videos', type=int, default=20)
    args = parser.parse_args()
    register_all_modules()
    from mmaction.registry import MODELS
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    device = args.device
    lengths = rng.integers(8, 310, args.videos)
    feats = [torch.randn(int(t), 2048) for t in lengths]
    print(f'{args.videos} videos, {int(lengths.sum())} clips x 2048, '
          f'device {device}')
    head = MODELS.build(dict(
        type='HAANHead', in_channels=2048, embed_channels=2048,
        num_classes=99, num_coarse_classes=14,
        fine_to_coarse=[c for c, n in enumerate(FINE_PER_COARSE)
                        for _ in range(n)])).to(device)
    # concept step, same inputs for both
    weights = head.fine_level_classifier.out_layer.weight.detach()
    loop_time = vec_time = 0.0
    for x in feats[:args.concept_videos]:
        hidden = torch.randn(len(x), 2048, device=device)
        labels = torch.randint(0, 500, (len(x), ), device=device)
        t_loop, ref = timed(lambda: loop_concept_step(
            hidden, labels, weights, 500, 5), device)
        t_vec, ours = timed(lambda: fine_level_representations(
            weights, visual_concepts(hidden, labels, 500), 5), device)
        assert torch.allclose(ref, ours, atol=2e-6), 'concept step differs'
        loop_time += t_loop
        vec_time += t_vec
    n = min(args.concept_videos, len(feats))
    print(f'concept step per video: loops {1e3 * loop_time / n:.1f} ms, '
          f'vectorised {1e3 * vec_time / n:.2f} ms, ratio '
          f'{loop_time / vec_time:.1f}x')
    # atomic-action discovery: fga's hook against the reference's call on
    # the same sample (current scikit-learn; the labels must agree)
    from sklearn.cluster import KMeans

    from fga.engine.hooks import AtomicActionDiscoveryHook
    dataset = [
        dict(inputs=x, data_samples=ActionDataSample(
            metainfo=dict(video_index=i))) for i, x in enumerate(feats)
    ]
    n_init = int(args.n_init) if args.n_init.isdigit() else args.n_init
    hook = AtomicActionDiscoveryHook(sample_rate=0.1, n_init=n_init)
    t_fga, (labels, cluster_weights) = timed(
        lambda: hook.discover(head, dataset, 0), device)
    head.set_atomic_labels(labels, cluster_weights)

    def reference_discovery():
        with torch.no_grad():
            head.eval()
            clips = np.concatenate(
                [head.encode(x.to(device)).cpu().numpy() for x in feats])
            head.train()
        sample = clips[np.random.default_rng(0).permutation(
            len(clips))[:int(0.1 * len(clips))]]
        return KMeans(n_clusters=500, random_state=0).fit(sample).predict(
            clips)

    t_ref, assignment = timed(reference_discovery, device)
    same = np.array_equal(np.concatenate([labels[i]
                                          for i in range(len(feats))]),
                          assignment)
    print(f'discovery (encode + KMeans K=500 on 10 % + assign): fga '
          f'(n_init={args.n_init}) {t_fga:.1f} s, reference call '
          f'{t_ref:.1f} s, ratio {t_ref / t_fga:.2f}x, same labels: {same}')
    # one epoch, batch 2
    optimizer = torch.optim.Adam(head.parameters(), lr=3e-5)
    order = rng.permutation(len(feats))
    start = time.perf_counter()
    for b in range(0, len(order) - 1, 2):
        idx = order[b:b + 2]
        batch, valid = pad_sequences([feats[i] for i in idx])
        samples = []
        for i in idx:
            sample = ActionDataSample(
                metainfo=dict(video_index=int(i), video_id=str(i)))
            sample.fine_labels = (torch.rand(99) < 0.05).float()
            sample.fine_weights = torch.ones(99)
            sample.coarse_labels = (torch.rand(14) < 0.2).float()
            sample.coarse_weights = torch.ones(14)
            samples.append(sample)
        losses = head.loss(batch.to(device), samples,
                           valid_mask=valid.to(device))
        optimizer.zero_grad()
        sum(losses.values()).backward()
        optimizer.step()
    if device == 'cuda':
        torch.cuda.synchronize()
    epoch_time = time.perf_counter() - start
    print(f'one training epoch ({len(order) // 2} batches of 2): '
          f'{epoch_time:.1f} s ({1e3 * epoch_time / (len(order) // 2):.0f} '
          'ms per batch)')


if __name__ == '__main__':
    main()
