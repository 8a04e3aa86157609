"""Full-video frame clustering ("No frame left behind", Liu et al., CVPR
2021): cut a video's frames into contiguous clusters where their binarised
early-layer activations change most, and average each cluster."""
import torch

__all__ = [
    'consecutive_hamming', 'slope_clusters', 'cumulative_clusters',
    'cluster_means'
]


def consecutive_hamming(features: torch.Tensor) -> torch.Tensor:
    """Fraction of differing sign bits between consecutive frames.

    Args:
        features: (T, ...) activations of one video (post-ReLU, so the
            codes are effectively "active / inactive").

    Returns:
        (T - 1,) distances in [0, 1], computed without gradients.
    """
    with torch.no_grad():
        codes = features.detach().flatten(1) > 0
        return (codes[1:] != codes[:-1]).float().mean(dim=1)


def slope_clusters(distances: torch.Tensor, num_clusters: int) -> torch.Tensor:
    """"Slope" variant: cut after the ``num_clusters - 1`` frames with the
    largest change to the next one (ties: the later frame).

    Args:
        distances: (T - 1,) from :func:`consecutive_hamming`.

    Returns:
        (T,) cluster index of every frame, 0..g-1, none empty.
    """
    length = len(distances) + 1
    _check(length, num_clusters)
    # Reverse so that, among equal distances, the later frame wins.
    order = torch.argsort(distances.flip(0), descending=True, stable=True)
    cuts = (len(distances) - 1 - order[:num_clusters - 1]).sort().values
    starts = torch.zeros(length, dtype=torch.long, device=distances.device)
    starts[cuts + 1] = 1
    return starts.cumsum(0)


def cumulative_clusters(distances: torch.Tensor,
                        num_clusters: int) -> torch.Tensor:
    """"Cumulative" variant: quantise the running sum of changes into
    ``num_clusters`` equal steps, so static stretches merge and busy ones
    split finely.

    Frame k (running change D_k, D_0 = 0) joins cluster
    ``ceil(D_k / step) - 1`` (frame 0 cluster 0), step = D_{T-1} / g.
    Unlike the public code, the last cluster is always emitted and a jump
    of several steps does not lose clusters: empty clusters are filled by
    splitting the longest ones, so exactly g non-empty clusters cover all
    frames. A video without any change is cut into g equal chunks.

    Returns:
        (T,) cluster index of every frame, non-decreasing, 0..g-1.
    """
    length = len(distances) + 1
    _check(length, num_clusters)
    device = distances.device
    running = torch.cat([distances.new_zeros(1), distances.double().cumsum(0)])
    total = running[-1]
    if total <= 0:
        return (torch.arange(length, device=device) * num_clusters //
                length).long()
    step = total / num_clusters
    index = torch.ceil(running / step - 1e-9).long() - 1
    index = index.clamp(min=0, max=num_clusters - 1)
    # Renumber the non-empty clusters 0..m-1, then split the longest until
    # there are g of them.
    starts = torch.ones(length, dtype=torch.bool, device=device)
    starts[1:] = index[1:] != index[:-1]
    bounds = torch.nonzero(starts).flatten().tolist() + [length]
    while len(bounds) - 1 < num_clusters:
        sizes = [b - a for a, b in zip(bounds[:-1], bounds[1:])]
        longest = max(range(len(sizes)), key=lambda i: sizes[i])
        bounds.insert(longest + 1, bounds[longest] + sizes[longest] // 2)
    labels = torch.zeros(length, dtype=torch.long, device=device)
    for cluster, start in enumerate(bounds[1:-1], 1):
        labels[start:] = cluster
    return labels


def cluster_means(features: torch.Tensor, labels: torch.Tensor,
                  num_clusters: int) -> torch.Tensor:
    """Mean of each cluster's frames (differentiable: every frame receives
    1 / |cluster| of its cluster's gradient).

    Args:
        features: (T, ...).
        labels: (T,) cluster indices.

    Returns:
        (num_clusters, ...).
    """
    flat = features.flatten(1)
    sums = flat.new_zeros(num_clusters,
                          flat.shape[1]).index_add(0, labels, flat)
    counts = torch.bincount(labels, minlength=num_clusters).to(flat.dtype)
    return (sums / counts.clamp(min=1)[:, None]).view((num_clusters, ) +
                                                      features.shape[1:])


def _check(length: int, num_clusters: int) -> None:
    if length < num_clusters:
        raise ValueError(f'cannot cut {length} frames into {num_clusters} '
                         'clusters; sample at least as many frames as '
                         'clusters')
