"""Convert the official THUMOS14 temporal annotations into fga's
ActivityNet-style JSON (the layout ActionFormer's ``thumos14.json`` uses).

    python tools/data/thumos14/convert_annotations.py \
        --val-dir TH14_Temporal_annotations_validation/annotation \
        --test-dir TH14_Temporal_Annotations_Test/annotations/annotation \
        --meta META.csv --out data/thumos14/annotations/thumos14.json

Each ``<Class>_val.txt`` / ``<Class>_test.txt`` line is ``video start end``
in seconds. ``Ambiguous_*.txt`` is skipped. Class ids are the standard
alphabetical order of the 20 classes (BaseballPitch 0 ... VolleyballSpiking
19); CliffDiving instances also appear under Diving, as in the official
files. Durations and frame rates come from ``--meta`` (CSV with columns
``video,duration,fps``, e.g. from the official ``validation_set.mat`` /
``test_set_meta.mat``) or are read from the videos in ``--video-dir``.
Only videos with at least one annotation are written (212 test videos).
"""
import argparse
import json
from collections import defaultdict

from fga.datasets.preparation import read_video_meta, thumos14_to_activitynet
from fga.utils.atomic_files import atomic_write


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--val-dir', required=True,
                        help='folder of <Class>_val.txt files')
    parser.add_argument('--test-dir', required=True,
                        help='folder of <Class>_test.txt files')
    parser.add_argument('--meta', help='CSV video,duration,fps')
    parser.add_argument('--video-dir',
                        help='videos to read duration and fps from')
    parser.add_argument('--out', required=True, help='output JSON')
    args = parser.parse_args(argv)
    meta = read_video_meta(args.meta) if args.meta else {}
    content = thumos14_to_activitynet(args.val_dir, args.test_dir, meta,
                                      args.video_dir)
    with atomic_write(args.out) as f:
        json.dump(content, f)
    counts = defaultdict(lambda: [0, 0])
    for record in content['database'].values():
        counts[record['subset']][0] += 1
        counts[record['subset']][1] += len(record['annotations'])
    print(', '.join(f'{s}: {v} videos, {n} instances'
                    for s, (v, n) in counts.items()) + f' -> {args.out}')


if __name__ == '__main__':
    main()
