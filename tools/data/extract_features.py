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
over time and space (SlowFast: both pathways, concatenated). Videos are
decoded as a stream, so memory does not grow with their length (see
:mod:`fga.apis.feature_extraction`). With the THUMOS14 geometry (16 frames
every 4) a video of N frames gives (N - 16) // 4 + 1 rows, as
ActionFormer's I3D features. Each file is written atomically; existing
files are skipped.
"""
import argparse
import sys

from fga.apis.feature_extraction import (ClipFeatureExtractor,
                                         extract_feature_files)


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
    extractor = ClipFeatureExtractor.from_config(
        args.config, args.checkpoint, args.device, args.trust_checkpoint,
        clip_len=args.clip_len, stride=args.stride,
        frame_interval=args.frame_interval, batch_size=args.batch_size)
    try:
        count, failed = extract_feature_files(extractor, args.video_dir,
                                              args.out_dir, args.short_side,
                                              args.crop_size)
    except FileNotFoundError as err:
        sys.exit(f'error: {err}')
    print()
    if failed:
        print(f'{len(failed)} videos failed:\n  ' + '\n  '.join(failed),
              file=sys.stderr)
        sys.exit(1)
    print(f'features of {count} videos in {args.out_dir}')


if __name__ == '__main__':
    main()
