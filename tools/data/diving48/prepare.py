"""Prepare Diving48 (Li et al., ECCV 2018) for fga's ``FrameListDataset``:
frames of every video and IBM-style list files.

    python tools/data/diving48/prepare.py \
        Diving48_V2_train.json Diving48_V2_test.json VIDEO_DIR data/diving48

Annotations are the official V2 JSON lists of ``{"vid_name", "label",
"start_frame", "end_frame"}``; videos ``VIDEO_DIR/<vid_name>.mp4`` (the
``rgb`` folder of the release). Writes ``OUT/rawframes/<vid_name>/
{:05d}.jpg`` (from 1, short side 256), ``OUT/train.txt`` and
``OUT/val.txt`` (the test split, which the literature reports), one line
``<vid_name> 1 <frames> <label>`` per video. Existing frame folders are
kept (``--overwrite`` redoes them); a video that fails is left out of the
list, named on stderr, and the exit status is 1.
"""
import argparse
import sys

from fga.datasets.preparation import prepare_diving48


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('train_json')
    parser.add_argument('test_json')
    parser.add_argument('video_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--overwrite', action='store_true')
    args = parser.parse_args(argv)
    failures = prepare_diving48(args.train_json, args.test_json,
                                args.video_dir, args.out_dir,
                                args.short_side, args.overwrite)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
