"""Convert HAAN's ``.npy`` annotations (FineGym / FineAction) into the
ActivityNet-style JSON that fga's localization tools read.

    python tools/data/haan/convert_annotations.py ANN_DIR OUT.json \
        --num-training-videos 3775

ANN_DIR holds ``video_names.npy``, ``labels.npy``, ``segments.npy``,
``sec2clip_ratios.npy`` and ``fine_to_coarse_mappings.json``. The first N
videos become ``training``, the rest ``testing``; every annotation keeps
its fine ``label_id``, its ``coarse_label_id`` and its segment in seconds;
each video keeps ``sec2clip``. ``HAANFeatureDataset`` reads either format.
Segments with end <= start are written unchanged and counted.
"""
import argparse
import json
import sys

from fga.annotations import (AnnotationError, haan_to_activitynet,
                             load_haan_annotations)
from fga.utils.atomic_files import atomic_write


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('ann_dir', help="folder of HAAN's .npy annotations")
    parser.add_argument('out', help='JSON to write')
    parser.add_argument('--num-training-videos', type=int, required=True,
                        help='FineGym 3775, FineAction 8440')
    args = parser.parse_args(argv)
    try:
        data = load_haan_annotations(args.ann_dir)
    except (AnnotationError, FileNotFoundError) as err:
        sys.exit(f'error: {err}')
    if not 0 < args.num_training_videos <= len(data['videos']):
        sys.exit(f'--num-training-videos must be in 1..{len(data["videos"])}')
    content = haan_to_activitynet(data, args.num_training_videos)
    with atomic_write(args.out) as f:
        json.dump(content, f)
    degenerate = sum(int((v['segments'][:, 1] <= v['segments'][:, 0]).sum())
                     for v in data['videos'])
    instances = sum(len(v['fine']) for v in data['videos'])
    print(f'{len(data["videos"])} videos, {instances} instances '
          f'({degenerate} with end <= start) -> {args.out}')


if __name__ == '__main__':
    main()
