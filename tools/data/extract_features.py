"""Extract per-video clip features with any MMAction2 recognizer, in the
layout the localization datasets read: ``OUT/<video>.npy`` of shape (T, C),
one row per clip of ``--clip-len`` frames (every ``--frame-interval``-th
frame) started every ``--stride`` frames.

    python tools/data/extract_features.py CONFIG CHECKPOINT VIDEO_DIR OUT \
        [--clip-len 16] [--stride 4] [--frame-interval 1] \
        [--short-side 256] [--crop-size 224] [--batch-size 8] \
        [--device cpu] [--trust-checkpoint]

Frames are resized (short side), centre-cropped and normalised with the
config's ``data_preprocessor`` mean/std; the backbone output is averaged
over time and space (SlowFast: both pathways, concatenated). 3D backbones
(``NCTHW``) see each clip at once; 2D backbones (``NCHW``, e.g. TSN/TSM
with ``num_segments`` = clip length) see its frames and are averaged. With
the THUMOS14 geometry (16 frames every 4) a video of N frames gives
(N - 16) // 4 + 1 rows, as ActionFormer's I3D features. Each file is
written under a temporary name and renamed when complete; existing files
are skipped.
"""
import argparse
import os
import os.path as osp
import sys
from typing import List

import numpy as np

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, ROOT)

import torch  # noqa: E402
from mmengine.config import Config  # noqa: E402
from mmengine.utils import ProgressBar  # noqa: E402

VIDEO_EXTS = ('.mp4', '.mkv', '.avi', '.mov', '.webm')


def clip_starts(num_frames: int, clip_len: int, stride: int,
                interval: int) -> List[int]:
    """Starts of the clips that fit in the video (at least one)."""
    span = (clip_len - 1) * interval + 1
    return list(range(0, max(num_frames - span, 0) + 1, stride))


def read_frames(path: str, short_side: int, crop: int) -> np.ndarray:
    """All frames, RGB uint8 (N, crop, crop, 3)."""
    import cv2
    import decord
    try:
        reader = decord.VideoReader(path)
        frames = reader.get_batch(list(range(len(reader)))).asnumpy()
    except Exception as err:  # decord raises its own error types
        raise OSError(f'cannot decode video {path}: {err}') from None
    if len(frames) == 0:
        raise OSError(f'video {path} has no frames')
    h, w = frames.shape[1:3]
    scale = short_side / min(h, w)
    size = (max(crop, int(round(w * scale))), max(crop, int(round(h * scale))))
    out = np.empty((len(frames), crop, crop, 3), np.uint8)
    top, left = (size[1] - crop) // 2, (size[0] - crop) // 2
    for i, frame in enumerate(frames):
        resized = cv2.resize(frame, size, interpolation=cv2.INTER_LINEAR)
        out[i] = resized[top:top + crop, left:left + crop]
    return out


def pool(output) -> torch.Tensor:
    """Backbone output(s) → (N, C): mean over all but batch and channel."""
    if isinstance(output, (list, tuple)):
        return torch.cat([pool(o) for o in output], dim=1)
    return output.flatten(2).mean(-1)


class FeatureExtractor:

    def __init__(self, config: str, checkpoint: str, device: str,
                 trust_checkpoint: bool) -> None:
        from mmaction.registry import MODELS

        import fga  # noqa: F401  (registers fga components, safe loading)
        from fga.utils import load_checkpoint_file, register_all_modules
        register_all_modules()
        cfg = Config.fromfile(config)
        preprocessor = cfg.model.get('data_preprocessor', {})
        self.format = preprocessor.get('format_shape', 'NCHW')
        mean = preprocessor.get('mean', [123.675, 116.28, 103.53])
        std = preprocessor.get('std', [58.395, 57.12, 57.375])
        self.mean = torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1)
        self.std = torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1)
        cfg.model.backbone.pop('pretrained', None)
        self.model = MODELS.build(cfg.model)
        state = load_checkpoint_file(checkpoint, trust_checkpoint)
        self.model.load_state_dict(state.get('state_dict', state))
        self.device = torch.device(device)
        self.model.to(self.device).eval()

    @torch.no_grad()
    def __call__(self, frames: np.ndarray, starts: List[int], clip_len: int,
                 interval: int, batch_size: int) -> np.ndarray:
        x = torch.from_numpy(frames).permute(0, 3, 1, 2).float()
        x = (x - self.mean) / self.std  # (N, 3, H, W)
        offsets = torch.arange(clip_len) * interval
        rows = []
        for i in range(0, len(starts), batch_size):
            index = (torch.tensor(starts[i:i + batch_size])[:, None] +
                     offsets).clamp(max=len(frames) - 1)
            clips = x[index].to(self.device)  # (B, T, 3, H, W)
            if self.format == 'NCTHW':
                feats = pool(self.model.backbone(clips.transpose(1, 2)))
            else:
                b, t = clips.shape[:2]
                feats = pool(self.model.backbone(clips.flatten(0, 1)))
                feats = feats.view(b, t, -1).mean(1)
            rows.append(feats.float().cpu())
        return torch.cat(rows).numpy().astype(np.float32)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config', help='MMAction2/fga recognizer config')
    parser.add_argument('checkpoint', help='its weights')
    parser.add_argument('video_dir', help='folder of videos')
    parser.add_argument('out_dir', help='folder for <video>.npy')
    parser.add_argument('--clip-len', type=int, default=16)
    parser.add_argument('--stride', type=int, default=4)
    parser.add_argument('--frame-interval', type=int, default=1)
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--device', default='cpu')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    if not osp.isdir(args.video_dir):
        sys.exit(f'video folder {args.video_dir} does not exist')
    videos = sorted(f for f in os.listdir(args.video_dir)
                    if f.lower().endswith(VIDEO_EXTS))
    if not videos:
        sys.exit(f'no videos ({", ".join(VIDEO_EXTS)}) in {args.video_dir}')
    os.makedirs(args.out_dir, exist_ok=True)
    extractor = FeatureExtractor(args.config, args.checkpoint, args.device,
                                 args.trust_checkpoint)
    failed = []
    progress = ProgressBar(len(videos))
    for name in videos:
        video_id = osp.splitext(name)[0]
        out = osp.join(args.out_dir, f'{video_id}.npy')
        if not osp.exists(out):
            try:
                frames = read_frames(osp.join(args.video_dir, name),
                                     args.short_side, args.crop_size)
            except OSError as err:
                failed.append(str(err))
                progress.update()
                continue
            starts = clip_starts(len(frames), args.clip_len, args.stride,
                                 args.frame_interval)
            feats = extractor(frames, starts, args.clip_len,
                              args.frame_interval, args.batch_size)
            tmp = out + '.partial.npy'
            np.save(tmp, feats)
            os.replace(tmp, out)
        progress.update()
    print()
    if failed:
        print(f'{len(failed)} videos failed:\n  ' + '\n  '.join(failed),
              file=sys.stderr)
        sys.exit(1)
    print(f'features of {len(videos)} videos in {args.out_dir}')


if __name__ == '__main__':
    main()
