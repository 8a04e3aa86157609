"""Prepare FineGym99 element-level recognition (Shao et al., CVPR 2020)
for fga's ``FrameListDataset``: frames of every element and IBM-style lists.

    python tools/data/finegym/prepare_gym99.py \
        finegym_annotation_info_v1.1.json gym99_train_element_v1.1.txt \
        gym99_val_element.txt VIDEO_DIR data/finegym99

Elements are named ``<youtube id>_E_<event>_A_<element>`` in the official
lists (``<element id> <label>`` per line). The annotation JSON gives the
event's absolute time (``[video][E_…]["timestamps"][0]``) and the
element's stages relative to it (``["segments"][A_…]["timestamps"]``); an
element runs from its first stage's start to its last stage's end. Videos
are the full competition videos ``VIDEO_DIR/<youtube id>.<ext>``. Writes
``OUT/rawframes/<element id>/{:05d}.jpg`` (from 1, short side 256) and
``OUT/{train,val}.txt``. Existing folders are kept (``--overwrite`` redoes
them); elements that fail are left out, named on stderr, exit status 1.
"""
import argparse
import sys

from fga.datasets.preparation import prepare_gym99


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('annotation')
    parser.add_argument('train_list')
    parser.add_argument('val_list')
    parser.add_argument('video_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--overwrite', action='store_true')
    args = parser.parse_args(argv)
    failures = prepare_gym99(args.annotation, args.train_list, args.val_list,
                             args.video_dir, args.out_dir, args.short_side,
                             args.overwrite)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
