"""Parameters, FLOPs and forward / forward+backward throughput of every
recognition backbone (backbone + classifier, 400 classes) on 8-frame
clips, with ratios to MMAction2's TSN-ResNet-50 measured in the same run.

    python benchmarks/backbones.py [--size 224] [--batch 1] [--repeat 3] \
        [--device cuda]

2D models see 8 frames (N·8, 3, S, S); 3D models one (N, 3, 8, S, S)
clip. FLOPs (multiply-adds) come from mmengine's analyser at the given
size. On a 2-core CPU use ``--size 112`` for a quick run.
"""
import argparse
import time

import torch
from mmaction.registry import MODELS
from mmengine.analysis import FlopAnalyzer

from fga.utils import register_all_modules


def tsn_head(channels):
    return dict(type='TSNHead', num_classes=400, in_channels=channels,
                consensus=dict(type='AvgConsensus', dim=1))


def i3d_head(channels):
    return dict(type='I3DHead', num_classes=400, in_channels=channels)


MODELS_2D = {
    'TSN-R50 (baseline)': (dict(type='ResNet', depth=50), tsn_head(2048)),
    'TSM-R50': (dict(type='ResNetTSM', depth=50, num_segments=8),
                tsn_head(2048)),
    'TAM-R50': (dict(type='ResNetTAM', depth=50, num_segments=8),
                tsn_head(2048)),
    'TAM-R50-tp': (dict(type='ResNetTAM', depth=50, num_segments=8,
                        temporal_pool='max'),
                   dict(type='TSMHead', num_classes=400, in_channels=2048,
                        num_segments=1, is_shift=True)),
    'TSN-InceptionV1': (dict(type='InceptionV1', num_segments=8),
                        tsn_head(1024)),
    'TAM-InceptionV1': (dict(type='InceptionV1TAM', num_segments=8),
                        tsn_head(1024)),
}
MODELS_3D = {
    'I3D-InceptionV1': (dict(type='I3DInception', temporal_stride=False),
                        i3d_head(1024)),
    'S3D-InceptionV1': (dict(type='S3D', temporal_stride=False),
                        i3d_head(1024)),
    'S3D-G-InceptionV1': (dict(type='S3D', temporal_stride=False,
                               gating=True), i3d_head(1024)),
    'R(2+1)D-34': (dict(type='ResNet2Plus1d', depth=34, pretrained=None,
                        pretrained2d=False, conv_cfg=dict(type='Conv2plus1d'),
                        conv1_kernel=(3, 7, 7), conv1_stride_t=1,
                        pool1_stride_t=1, inflate=(1, 1, 1, 1),
                        spatial_strides=(1, 2, 2, 2),
                        temporal_strides=(1, 2, 2, 2)), i3d_head(512)),
    'ResNet3D-50 (IBM-style)': (dict(
        type='ResNet3d', depth=50, pretrained=None, pretrained2d=False,
        conv1_kernel=(3, 7, 7), conv1_stride_t=1, pool1_stride_t=1,
        inflate=(1, 1, 1, 1), inflate_style='3x3x3', with_pool2=False),
        i3d_head(2048)),
    'SlowFast-R50 4x16 (32 frames)': (dict(
        type='ResNet3dSlowFast', pretrained=None, resample_rate=8,
        speed_ratio=8, channel_ratio=8,
        slow_pathway=dict(type='resnet3d', depth=50, pretrained=None,
                          lateral=True, conv1_kernel=(1, 7, 7),
                          conv1_stride_t=1, pool1_stride_t=1,
                          inflate=(0, 0, 1, 1)),
        fast_pathway=dict(type='resnet3d', depth=50, pretrained=None,
                          lateral=False, base_channels=8,
                          conv1_kernel=(5, 7, 7), conv1_stride_t=1,
                          pool1_stride_t=1)),
        dict(type='SlowFastHead', num_classes=400, in_channels=2304)),
}


class Classifier(torch.nn.Module):

    def __init__(self, backbone, head, frames, three_d):
        super().__init__()
        self.backbone = MODELS.build(backbone)
        self.head = MODELS.build(head)
        self.frames, self.three_d = frames, three_d

    def forward(self, x):
        feats = self.backbone(x)
        if self.three_d:
            return self.head(feats)
        return self.head(feats, num_segs=self.frames)


def timed(fn, repeat, device):
    fn()
    times = []
    for _ in range(repeat):
        if device == 'cuda':
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if device == 'cuda':
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size', type=int, default=224)
    parser.add_argument('--batch', type=int, default=1)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args()
    register_all_modules()
    torch.manual_seed(0)
    s, n = args.size, args.batch
    rows, baseline = [], None
    table = [(k, v, False) for k, v in MODELS_2D.items()] + \
        [(k, v, True) for k, v in MODELS_3D.items()]
    print(f'{n} clip(s) of 8 frames at {s}x{s} on {args.device}; '
          f'torch threads {torch.get_num_threads()}')
    print(f'{"model":32s} {"params":>8s} {"GFLOPs":>8s} {"fwd clip/s":>11s}'
          f' {"f+b clip/s":>11s} {"fwd vs TSN":>10s} {"f+b vs TSN":>10s}')
    for name, (backbone, head), three_d in table:
        frames = 32 if name.startswith('SlowFast') else 8
        model = Classifier(backbone, head, frames, three_d).to(args.device)
        x = (torch.randn(n, 3, frames, s, s) if three_d else
             torch.randn(n * frames, 3, s, s)).to(args.device)
        params = sum(p.numel() for p in model.parameters()) / 1e6
        model.eval()
        with torch.no_grad():
            flops = FlopAnalyzer(model, (x, )).unsupported_ops_warnings(
                False).uncalled_modules_warnings(False).total() / 1e9 / n
            fwd = timed(lambda: model(x), args.repeat, args.device)
        model.train()

        def step():
            model.zero_grad(set_to_none=True)
            model(x).sum().backward()

        both = timed(step, args.repeat, args.device)
        if baseline is None:
            baseline = (fwd, both)
        rows.append((name, params, flops, n / fwd, n / both,
                     baseline[0] / fwd, baseline[1] / both))
        print(f'{name:32s} {params:7.2f}M {flops:8.1f} {n / fwd:11.2f} '
              f'{n / both:11.2f} {baseline[0] / fwd:9.2f}x '
              f'{baseline[1] / both:9.2f}x', flush=True)


if __name__ == '__main__':
    main()
