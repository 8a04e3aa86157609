"""Cost of "No frame left behind": TSM-ResNet-50 with the clustering
module on T = 16, 32, 64, 128 frames per video (g = 8 and 16) against
plain TSM-R50 on g frames, measured in the same run, plus the clustering
step's own share of the forward time.

    python benchmarks/full_video.py [--size 224] [--frames 16 32 64 128] \
        [--clusters 8 16] [--repeat 2] [--device cuda]

One video per step, training mode, forward + backward. Memory: the peak
CUDA allocation on a GPU; on CPU the bytes of tensors saved for backward
(the activation memory a training step holds), counted once per storage.
"""
import argparse
import time

import torch
from mmaction.registry import MODELS

from fga.utils import register_all_modules


def build(frames_per_video, clusters, full_video, device):
    backbone = dict(type='FullVideoResNetTSM', depth=50,
                    num_clusters=clusters) if full_video else dict(
                        type='ResNetTSM', depth=50, num_segments=clusters)
    model = MODELS.build(dict(
        type='FullVideoRecognizer' if full_video else 'Recognizer2D',
        backbone=dict(**backbone, pretrained=None, norm_eval=False),
        cls_head=dict(type='TSMHead', num_classes=400, in_channels=2048,
                      num_segments=clusters, is_shift=True)))
    return model.to(device).train()


def saved_bytes(fn):
    storages = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = fn()
    return out, sum(storages.values())


def measure(model, frames, size, repeat, device):
    x = torch.randn(1, frames, 3, size, size, device=device)
    cluster_time = []
    if hasattr(model.backbone, 'cluster'):
        original = model.backbone.cluster

        def timed_cluster(features):
            if device == 'cuda':
                torch.cuda.synchronize()
            start = time.perf_counter()
            out = original(features)
            if device == 'cuda':
                torch.cuda.synchronize()
            cluster_time.append(time.perf_counter() - start)
            return out

        model.backbone.cluster = timed_cluster

    def forward():
        feats, kwargs = model.extract_feat(x)
        return model.cls_head(feats, **kwargs).sum()

    best = None
    for _ in range(repeat + 1):
        cluster_time.clear()
        if device == 'cuda':
            torch.cuda.reset_peak_memory_stats()
            torch.cuda.synchronize()
        start = time.perf_counter()
        if device == 'cuda':
            loss, memory = forward(), None
        else:
            loss, memory = saved_bytes(forward)
        if device == 'cuda':
            torch.cuda.synchronize()
        fwd = time.perf_counter() - start
        loss.backward()
        if device == 'cuda':
            torch.cuda.synchronize()
            memory = torch.cuda.max_memory_allocated()
        total = time.perf_counter() - start
        model.zero_grad(set_to_none=True)
        result = (fwd, total, memory, sum(cluster_time))
        if best is None or total < best[1]:
            best = result
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size', type=int, default=224)
    parser.add_argument('--frames', type=int, nargs='+',
                        default=[16, 32, 64, 128])
    parser.add_argument('--clusters', type=int, nargs='+', default=[8, 16])
    parser.add_argument('--repeat', type=int, default=2)
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args()
    register_all_modules()
    torch.manual_seed(0)
    mib = 2**20
    print(f'TSM-R50, 1 video, {args.size}x{args.size}, train mode, '
          f'{args.device}; memory = '
          f'{"peak CUDA" if args.device == "cuda" else "saved for backward"}')
    print(f'{"g":>3s} {"T":>4s} {"model":10s} {"fwd s":>7s} {"f+b s":>7s} '
          f'{"MiB":>7s} {"time vs TSM":>11s} {"mem vs TSM":>10s} '
          f'{"cluster share":>13s}')
    for clusters in args.clusters:
        plain = measure(build(clusters, clusters, False, args.device),
                        clusters, args.size, args.repeat, args.device)
        print(f'{clusters:3d} {clusters:4d} {"TSM":10s} {plain[0]:7.2f} '
              f'{plain[1]:7.2f} {plain[2] / mib:7.0f} {1:10.2f}x '
              f'{1:9.2f}x {"-":>13s}', flush=True)
        for frames in args.frames:
            if frames < clusters:
                continue
            model = build(frames, clusters, True, args.device)
            fwd, total, memory, cluster = measure(model, frames, args.size,
                                                  args.repeat, args.device)
            print(f'{clusters:3d} {frames:4d} {"full-video":10s} {fwd:7.2f} '
                  f'{total:7.2f} {memory / mib:7.0f} '
                  f'{total / plain[1]:10.2f}x {memory / plain[2]:9.2f}x '
                  f'{cluster / fwd:12.1%}', flush=True)


if __name__ == '__main__':
    main()
