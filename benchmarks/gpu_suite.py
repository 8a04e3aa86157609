"""Training and inference throughput, peak memory and MFU of fga's main
models on synthetic inputs of the real sizes, one table
(``benchmarks/gpu_suite.sh`` runs it on a GPU).

    python benchmarks/gpu_suite.py [--tiny] [--steps 5] [--channels-last]
        [--modes fp32-eager,bf16-eager,bf16-compiled]

Workloads: F3AST SlowFast-R50 FineTennis (128 x 224², batch 4),
ActionFormer THUMOS14 (T = 2304, batch 2), HAAN FineGym (batch 2 videos of
~160 clips), full-video TSM-R50 (T = 128 frames at 224², 8 clusters).
``--tiny`` shrinks every input (and ActionFormer's width) so that the whole
table takes seconds on a CPU (what the tests run). MFU = counted FLOPs of
one training step (forward + backward, ``torch.utils.flop_counter``) x
steps/s / the device's dense peak for the mode's dtype (``--peak-tflops``
overrides; '-' when unknown).
"""
import argparse
import os.path as osp
import resource
import time
from typing import Callable, List, Tuple

import torch
from mmaction.structures import ActionDataSample
from mmengine.config import Config
from mmengine.structures import InstanceData

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
CONFIGS = dict(
    f3ast='configs/f3ast/f3ast_slowfast-r50_1xb4-128x3-50e_finetennis-rgb.py',
    actionformer='configs/actionformer/actionformer_convtransformer_1xb2-'
    '35e_thumos14-i3d-feature.py',
    haan='configs/haan/haan_mlp_1xb2-200e_finegym-i3d-feature.py')
# Dense tensor-core peaks (TFLOP/s) by device name: fp32 (no TF32), bf16.
PEAKS = {'H200': (67.0, 989.0), 'H100': (67.0, 989.0), 'A100': (19.5, 312.0)}

Workload = Tuple[torch.nn.Module, Callable[[], tuple], int]


def _build(name: str, **changes) -> torch.nn.Module:
    from mmaction.registry import MODELS
    cfg = Config.fromfile(osp.join(ROOT, CONFIGS[name]))
    for key, value in changes.items():
        target = cfg.model
        *path, last = key.split('.')
        for part in path:
            target = target[part]
        target[last] = value
    cfg.model.get('backbone', {}).pop('pretrained', None)
    return MODELS.build(cfg.model)


def f3ast(tiny: bool) -> Workload:
    frames, size, batch = (16, 32, 1) if tiny else (128, 224, 4)
    model = _build('f3ast', **{'head.clip_len': frames})
    samples = []
    for _ in range(batch):
        s = ActionDataSample()
        s.event_labels = torch.tensor([2, 6, 11])
        s.event_positions = torch.tensor([0.1, 0.4, 0.8]) * frames
        s.valid_mask = torch.ones(frames, dtype=torch.bool)
        samples.append(s)

    def batch_fn():
        return torch.randn(batch, 1, 3, frames, size, size), samples

    return model, batch_fn, batch


def actionformer(tiny: bool) -> Workload:
    length, batch = (576, 1) if tiny else (2304, 2)
    # tiny: 64 channels everywhere and the shortest training length
    width = 64 if tiny else 512
    model = _build('actionformer', **({
        'max_seq_len': 576, 'backbone.in_channels': width,
        'backbone.embed_dims': width, 'neck.in_channels': [width] * 6,
        'neck.out_channels': width, 'head.in_channels': width,
        'head.feat_channels': width
    } if tiny else {}))
    channels = width if tiny else 2048
    samples = []
    for _ in range(batch):
        s = ActionDataSample()
        s.gt_instances = InstanceData(
            segments=torch.tensor([[10.0, 20.0], [40.0, 55.0]]),
            labels=torch.tensor([0, 3]))
        s.set_metainfo(dict(video_id='v', duration=length * 4 / 30.0,
                            fps=30.0, feat_stride=4, feat_num_frames=16))
        samples.append(s)

    def batch_fn():
        return [torch.randn(length, channels)
                for _ in range(batch)], samples

    return model, batch_fn, batch


def haan(tiny: bool) -> Workload:
    import numpy as np
    clips, batch = (20, 2) if tiny else (160, 2)
    model = _build('haan')
    rng = np.random.default_rng(0)
    model.head.set_atomic_labels(
        {i: rng.integers(0, 500, clips) for i in range(batch)},
        np.full(500, 1 / 500))
    samples = []
    for i in range(batch):
        s = ActionDataSample(metainfo=dict(video_index=i, video_id=str(i)))
        s.fine_labels = (torch.rand(99) < 0.05).float()
        s.fine_weights = torch.ones(99)
        s.coarse_labels = (torch.rand(14) < 0.2).float()
        s.coarse_weights = torch.ones(14)
        samples.append(s)

    def batch_fn():
        return [torch.randn(clips, 2048) for _ in range(batch)], samples

    return model, batch_fn, batch


def full_video_tsm(tiny: bool) -> Workload:
    from mmaction.registry import MODELS
    frames, size, clusters = (8, 32, 4) if tiny else (128, 224, 8)
    model = MODELS.build(dict(
        type='FullVideoRecognizer',
        backbone=dict(type='FullVideoResNetTSM', depth=50,
                      num_clusters=clusters, pretrained=None,
                      norm_eval=False),
        cls_head=dict(type='TSMHead', num_classes=400, in_channels=2048,
                      num_segments=clusters, is_shift=True)))
    samples = [ActionDataSample().set_gt_label(torch.tensor([3]))]

    def batch_fn():
        return torch.randn(1, frames, 3, size, size), samples

    return model, batch_fn, 1


WORKLOADS = dict(f3ast_slowfast_finetennis=f3ast,
                 actionformer_thumos14=actionformer, haan_finegym=haan,
                 full_video_tsm_r50=full_video_tsm)


def _to(x, device, channels_last):
    if isinstance(x, torch.Tensor):
        x = x.to(device)
        if channels_last and x.dim() == 6:  # (B, views, C, T, H, W)
            x = x.flatten(0, 1).contiguous(
                memory_format=torch.channels_last_3d).unflatten(
                    0, x.shape[:2])
        return x
    if isinstance(x, list):
        return [_to(v, device, channels_last) for v in x]
    return x.to(device) if hasattr(x, 'to') else x


def _sync(device):
    if device == 'cuda':
        torch.cuda.synchronize()


def train_step_flops(model, inputs, samples) -> float:
    from torch.utils.flop_counter import FlopCounterMode
    counter = FlopCounterMode(display=False)
    with counter:
        sum(model(inputs, samples, mode='loss').values()).backward()
    model.zero_grad(set_to_none=True)
    return float(counter.get_total_flops())


def run_mode(model, batch_fn, per_step, mode, device, steps,
             channels_last) -> dict:
    dtype, compiled = mode.split('-')
    autocast = torch.autocast(device, dtype=torch.bfloat16,
                              enabled=dtype == 'bf16')
    forward = torch.compile(model) if compiled == 'compiled' else model
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
    inputs, samples = batch_fn()
    inputs = _to(inputs, device, channels_last)
    samples = [s.to(device) for s in samples]
    if device == 'cuda':
        torch.cuda.reset_peak_memory_stats()
    model.train()
    times: List[float] = []
    for step in range(steps + 1):  # the first step warms up / compiles
        _sync(device)
        start = time.perf_counter()
        with autocast:
            loss = sum(forward(inputs, samples, mode='loss').values())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        _sync(device)
        if step:
            times.append(time.perf_counter() - start)
    train_rate = per_step * len(times) / sum(times)
    model.eval()
    infer: List[float] = []
    with torch.no_grad(), autocast:
        for step in range(steps + 1):
            _sync(device)
            start = time.perf_counter()
            forward(inputs, samples, mode='tensor')
            _sync(device)
            if step:
                infer.append(time.perf_counter() - start)
    peak = (torch.cuda.max_memory_allocated() / 2**30 if device == 'cuda'
            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20)
    return dict(train=train_rate, step_s=sum(times) / len(times),
                infer=per_step * len(infer) / sum(infer), peak=peak)


def peak_tflops(device: str, dtype: str, override: float):
    if override:
        return override
    if device != 'cuda':
        return None
    name = torch.cuda.get_device_name()
    for key, (fp32, bf16) in PEAKS.items():
        if key in name:
            return bf16 if dtype == 'bf16' else fp32
    return None


def main(argv=None) -> List[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--tiny', action='store_true',
                        help='tiny inputs: a CPU smoke run in seconds')
    parser.add_argument('--modes', default=None,
                        help='comma-separated of fp32-eager, fp32-compiled, '
                        'bf16-eager, bf16-compiled (default: fp32-eager '
                        'with --tiny, else all but fp32-compiled)')
    parser.add_argument('--workloads', default=','.join(WORKLOADS))
    parser.add_argument('--steps', type=int, default=None,
                        help='measured steps (default 1 tiny, 5 full)')
    parser.add_argument('--channels-last', action='store_true',
                        help='channels-last (3D) model and video inputs')
    parser.add_argument('--peak-tflops', type=float, default=0.0)
    args = parser.parse_args(argv)
    from fga.utils import register_all_modules
    register_all_modules()
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    modes = (args.modes or ('fp32-eager' if args.tiny else
                            'fp32-eager,bf16-eager,bf16-compiled')).split(',')
    steps = args.steps or (1 if args.tiny else 5)
    name = (torch.cuda.get_device_name() if device == 'cuda' else
            f'CPU ({torch.get_num_threads()} threads)')
    print(f'device: {name}; {"tiny" if args.tiny else "full"} inputs; '
          f'{steps} measured steps after one warm-up')
    print('| workload | mode | train samples/s | step s | inference '
          'samples/s | peak GiB | TFLOP/step | MFU |')
    print('|---|---|---|---|---|---|---|---|')
    rows = []
    for workload in args.workloads.split(','):
        torch.manual_seed(0)
        model, batch_fn, per_step = WORKLOADS[workload](args.tiny)
        model = model.to(device)
        if args.channels_last:
            model = model.to(memory_format=torch.channels_last_3d) if any(
                p.dim() == 5 for p in model.parameters()) else model
        inputs, samples = batch_fn()
        model.train()
        flops = train_step_flops(model, _to(inputs, device, False),
                                 [s.to(device) for s in samples])
        for mode in modes:
            result = run_mode(model, batch_fn, per_step, mode, device, steps,
                              args.channels_last)
            peak = peak_tflops(device, mode.split('-')[0], args.peak_tflops)
            mfu = (f'{100 * flops / result["step_s"] / (peak * 1e12):.1f} %'
                   if peak else '-')
            rows.append(dict(workload=workload, mode=mode, flops=flops,
                             **result))
            print(f'| {workload} | {mode} | {result["train"]:.2f} | '
                  f'{result["step_s"]:.3f} | {result["infer"]:.2f} | '
                  f'{result["peak"]:.2f} | {flops / 1e12:.3f} | {mfu} |')
    return rows


if __name__ == '__main__':
    main()
