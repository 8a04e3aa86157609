"""Peak memory of clip-feature extraction for a short and a long video:
fga's streaming extractor (frames arrive in chunks of 64, only the frames
later clips need are kept) against decoding the whole video first and then
extracting, the same features checked. Fresh process per measurement; peak
= RSS high-water mark above the loaded model.

    python benchmarks/feature_extraction.py [--lengths 256,4096] [--size 64]

Synthetic frames (random RGB, ``size``²) and a small 3D backbone keep the
figure about the video, not the network; the THUMOS14 geometry (16-frame
clips every 4 frames, batch 8).
"""
import argparse
import multiprocessing as mp
import resource
import time

import numpy as np


def _chunks(length, size, chunk=64, seed=0):
    rng = np.random.default_rng(seed)
    for begin in range(0, length, chunk):
        n = min(chunk, length - begin)
        yield rng.integers(0, 256, (n, size, size, 3), dtype=np.uint8)


def _measure(streaming, length, size, queue):
    import torch
    from torch import nn

    from fga.apis.feature_extraction import ClipFeatureExtractor
    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = nn.Module()
    model.backbone = nn.Conv3d(3, 16, 3, stride=2, padding=1)
    extractor = ClipFeatureExtractor(model, clip_len=16, stride=4,
                                     batch_size=8)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if streaming:
        feats = extractor.extract_frames(_chunks(length, size))
    else:
        whole = np.concatenate(list(_chunks(length, size)))
        feats = extractor.extract_frames(iter([whole]))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
    queue.put((peak, seconds, feats))


def measure(streaming, length, size):
    ctx = mp.get_context('spawn')
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure,
                       args=(streaming, length, size, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--lengths', default='256,4096')
    parser.add_argument('--size', type=int, default=64)
    args = parser.parse_args()
    print(f'{args.size}² frames, 16-frame clips every 4, batch 8')
    print('| frames | clips | streaming peak, time | whole-video peak, time '
          '| memory ratio |')
    for length in [int(x) for x in args.lengths.split(',')]:
        ours = measure(True, length, args.size)
        whole = measure(False, length, args.size)
        if not np.allclose(ours[2], whole[2], rtol=1e-6, atol=1e-6):
            raise SystemExit(f'{length} frames: features differ')
        print(f'| {length} | {len(ours[2])} | {ours[0]:.0f} MiB, '
              f'{ours[1]:.1f} s | {whole[0]:.0f} MiB, {whole[1]:.1f} s | '
              f'{whole[0] / max(ours[0], 1):.1f}× |')


if __name__ == '__main__':
    main()
