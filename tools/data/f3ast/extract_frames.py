"""Extract frames in the F3AST layout: ``OUT/<video>/%06d.jpg``, 0-based,
resized to a height of 224 (aspect kept: 1280x720 -> 398x224).

    # one folder per video file
    python tools/data/f3ast/extract_frames.py VIDEO_DIR OUT_DIR
    # FineTennis / BadmintonDB clips <match>_<start>_<end> cut from the
    # match videos <match>.<ext>: clip frame k is match frame start + k
    python tools/data/f3ast/extract_frames.py VIDEO_DIR OUT_DIR \
        --clips data/finetennis/val.json data/finetennis/test.json

A folder is written under a temporary name and renamed when complete, so
an interrupted run never leaves a half-written video behind; existing
folders are skipped (``--overwrite`` redoes them).
"""
import argparse

from fga.datasets.preparation import extract_f3ast_frames


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('video_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--clips', nargs='+', default=[],
                        help='split JSONs whose ids are <match>_<s>_<e>')
    parser.add_argument('--height', type=int, default=224)
    parser.add_argument('--overwrite', action='store_true')
    args = parser.parse_args(argv)
    videos, written = extract_f3ast_frames(args.video_dir, args.out_dir,
                                           args.clips, args.height,
                                           args.overwrite)
    print(f'\n{videos} videos, {written} frames written to {args.out_dir}')


if __name__ == '__main__':
    main()
