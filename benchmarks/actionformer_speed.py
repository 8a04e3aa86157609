"""ActionFormer inference speed and memory: fga's blockwise local attention
against the same model computing the band through dense T x T attention
(identical outputs) and forward time for growing T (Soft-NMS:
``soft_nms.py``).

    python benchmarks/actionformer_speed.py [--device cpu|cuda] \
        [--repeat N] [--lengths 2304,4608,9216,18432] [--dense-max 4608]

Model: the THUMOS14 config (2048-d input, 512 channels, window 19, 6
levels), random weights, batch 1. Each measurement runs in a fresh process
so CPU peak memory (RSS above the loaded model) is per variant; on CUDA
the peak is ``torch.cuda.max_memory_allocated``.
"""
import argparse
import multiprocessing as mp
import os.path as osp
import resource
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))

CONFIG = osp.join(ROOT, 'configs', 'actionformer',
                  'actionformer_convtransformer_1xb2-35e_thumos14-i3d-'
                  'feature.py')


def _rss_mib() -> float:
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return 0.0


def _measure(dense, length, device, repeat, queue):
    import torch
    from mmaction.registry import MODELS
    from mmengine.config import Config

    from fga.utils import register_all_modules
    register_all_modules()
    torch.manual_seed(0)
    cfg = Config.fromfile(CONFIG)
    cfg.model.backbone.dense_attention = dense
    model = MODELS.build(cfg.model).to(device).eval()
    x = torch.randn(2048, length, device=device)
    base = _rss_mib()
    if device == 'cuda':
        torch.cuda.reset_peak_memory_stats()
    times = []
    with torch.no_grad():
        for _ in range(repeat):
            start = time.perf_counter()
            logits, _ = model([x], mode='tensor')
            if device == 'cuda':
                torch.cuda.synchronize()
            times.append(time.perf_counter() - start)
    if device == 'cuda':
        peak = torch.cuda.max_memory_allocated() / 2**20
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
    checksum = float(logits[0].double().sum())
    queue.put((min(times), sorted(times)[len(times) // 2], peak, checksum))


def measure(dense, length, device, repeat):
    ctx = mp.get_context('spawn')
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure,
                       args=(dense, length, device, repeat, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--lengths', default='2304,4608,9216,18432')
    parser.add_argument('--dense-max', type=int, default=4608,
                        help='longest input also run with dense attention')
    args = parser.parse_args()
    lengths = [int(x) for x in args.lengths.split(',')]
    print(f'device {args.device}; THUMOS14 ActionFormer, 2048-d input, '
          f'batch 1; best / median of {args.repeat}')
    print('| T | fga blockwise: time, peak | dense band: time, peak | '
          'time ratio | memory ratio |')
    first = None
    for length in lengths:
        ours = measure(False, length, args.device, args.repeat)
        first = first or (length, ours[0])
        row = (f'| {length} | {ours[0]:.2f} s ({ours[1]:.2f}), '
               f'{ours[2]:.0f} MiB |')
        if length <= args.dense_max:
            dense = measure(True, length, args.device, args.repeat)
            if abs(dense[3] - ours[3]) > 1e-3 * max(1.0, abs(ours[3])):
                sys.exit(f'outputs differ at T={length}: {ours[3]} vs '
                         f'{dense[3]}')
            row += (f' {dense[0]:.2f} s ({dense[1]:.2f}), {dense[2]:.0f} MiB'
                    f' | {dense[0] / ours[0]:.2f}x | '
                    f'{dense[2] / max(ours[2], 1):.2f}x |')
        else:
            row += ' not run | | |'
        print(row)
    base_len, base_time = first
    print(f'growth: time per 1k steps at T={base_len}: '
          f'{1e3 * base_time / base_len:.3f} s (linear growth keeps it '
          'constant)')


if __name__ == '__main__':
    main()
