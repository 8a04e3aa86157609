"""F3AST speed: training-step throughput and peak memory of the FineTennis
config, and decoding throughput of fga's batched best-first search against
a one-sequence-at-a-time priority-queue decoder, in the same run.

    python benchmarks/f3ast_speed.py            # CPU-sized: 32 frames at 112
    python benchmarks/f3ast_speed.py --full     # 128 frames at 224, batch 4

Both decoders must return the same sequences; the ratio is printed.
"""
import argparse
import os.path as osp
import queue
import resource
import time

import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.config import Config

from fga.models.utils import length_score
from fga.utils import register_all_modules

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))

CONFIG = 'configs/f3ast/f3ast_slowfast-r50_1xb4-128x3-50e_finetennis-rgb.py'


def peak_memory_mb(device: str) -> float:
    if device == 'cuda':
        return torch.cuda.max_memory_allocated() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def train_throughput(model, frames, size, batch, steps, device):
    model.train()
    optim = torch.optim.AdamW(model.parameters(), lr=5e-5)
    inputs = torch.randn(batch, 1, 3, frames, size, size, device=device)
    samples = []
    for _ in range(batch):
        s = ActionDataSample()
        s.event_labels = torch.tensor([2, 6, 11])
        s.event_positions = torch.tensor([10., 40., 90.]) * frames / 128
        s.valid_mask = torch.ones(frames, dtype=torch.bool)
        samples.append(s)
    use_amp = device == 'cuda'
    scaler = torch.amp.GradScaler(enabled=use_amp)
    times = []
    for step in range(steps + 1):
        if device == 'cuda':
            torch.cuda.synchronize()
        start = time.perf_counter()
        with torch.autocast(device, enabled=use_amp):
            losses = model(inputs, samples, mode='loss')
            loss = sum(losses.values())
        optim.zero_grad()
        scaler.scale(loss).backward()
        scaler.step(optim)
        scaler.update()
        if device == 'cuda':
            torch.cuda.synchronize()
        if step:  # the first step warms up allocators and kernels
            times.append(time.perf_counter() - start)
    return batch * len(times) / sum(times)


def sequential_best_first(head, memory, valid, width=5, max_length=30,
                          max_queue=2000):
    """The straightforward decoder: one sample at a time, one prefix per
    decoder call, Python's PriorityQueue."""
    results = []
    for b in range(memory.shape[0]):
        counter = 0
        q = queue.PriorityQueue()
        q.put((0.0, counter, [1], torch.zeros(())))
        size, last = 1, 1
        while True:
            if size > max_queue or last > max_length:
                results.append(q.get()[2])
                break
            _, _, tokens, log_prob = q.get()
            last = len(tokens)
            if tokens[-1] == 2 and len(tokens) > 1:
                results.append(tokens)
                break
            logits = head.decode_logits(
                torch.tensor([tokens]), memory[b:b + 1], valid[b:b + 1],
                hide_pad_tokens=False)[0, -1]
            top_lp, top_ids = torch.log_softmax(logits, -1).topk(width)
            for lp, token in zip(top_lp, top_ids.tolist()):
                child_lp = log_prob + lp
                counter += 1
                q.put((-length_score(child_lp, len(tokens) + 1).item(),
                       counter, tokens + [token], child_lp))
            size += width - 1
    return results


def decode_throughput(head, clips, frames, device, eos_bias):
    head.eval()
    with torch.no_grad():
        head.classifier.bias[2] += eos_bias
        feats = torch.randn(clips, frames, head.input_conv.in_channels
                            if head.input_proj is None else
                            head.input_proj.in_features, device=device)
        valid = torch.ones(clips, frames, dtype=torch.bool, device=device)
        memory = head.encode(feats, valid)
        start = time.perf_counter()
        ours = [t for t, _ in head.decode(memory, valid)]
        t_ours = time.perf_counter() - start
        start = time.perf_counter()
        plain = sequential_best_first(head, memory, valid)
        t_plain = time.perf_counter() - start
    if [t[:30] for t in ours] != [t[:30] for t in plain]:
        raise SystemExit('decoders disagree')
    lengths = [len(t) for t in ours]
    return clips / t_ours, clips / t_plain, lengths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--full', action='store_true',
                        help='the published input size (needs a GPU)')
    parser.add_argument('--steps', type=int, default=3,
                        help='training steps (0: decoding only)')
    parser.add_argument('--clips', type=int, default=8,
                        help='clips decoded by each decoder')
    parser.add_argument('--eos-bias', type=float, default=0.0,
                        help='added to the end-token logit of the random '
                        'head (0: random weights, searches hit the cap)')
    args = parser.parse_args(argv)
    register_all_modules()
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    frames, size, batch = (128, 224, 4) if args.full else (32, 112, 1)
    cfg = Config.fromfile(osp.join(ROOT, CONFIG))
    cfg.model.head.clip_len = frames
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).to(device)
    name = (torch.cuda.get_device_name() if device == 'cuda' else
            f'CPU ({torch.get_num_threads()} threads)')
    print(f'device: {name}; SlowFast-R50 F3AST, {frames} frames at '
          f'{size}x{size}, batch {batch}')
    if args.steps:
        clips_per_s = train_throughput(model, frames, size, batch,
                                       args.steps, device)
        print(f'training: {clips_per_s:.3f} clips/s, peak memory '
              f'{peak_memory_mb(device):.0f} MiB')
    ours, plain, lengths = decode_throughput(model.head, args.clips, frames,
                                             device, args.eos_bias)
    print(f'decoding {args.clips} clips (token lengths {lengths}): fga '
          f'{ours:.2f} sequences/s, one-at-a-time {plain:.2f} sequences/s, '
          f'ratio {ours / plain:.1f}x')


if __name__ == '__main__':
    main()
