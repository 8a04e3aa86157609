"""Put a real dataset's annotation files into its data folder.

    python tools/data/prepare_annotations.py DATASET [--out data/DATASET] \
        [--download]

DATASET: finetennis, badmintonDB, finediving, finegym (F3AST format, from
F3AST123/F3AST), haan-finegym, haan-fineaction, haan-finegym-new-split
(from lizhi1104/HAAN). The files ship with fga (``tests/data/annotations``,
see its README for sources and terms) and are copied as they are; with
``--download`` they are fetched from the public repository instead.
Videos and frames are not included (see data/README.md).
"""
import argparse
import os.path as osp

from fga.datasets.preparation import ANNOTATION_SOURCES, prepare_annotations

SHIPPED = osp.join(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__)))), 'tests', 'data', 'annotations')
DEFAULT_OUT = {
    'haan-finegym': 'data/haan/FineGym',
    'haan-fineaction': 'data/haan/FineAction',
    'haan-finegym-new-split': 'data/haan/FineGym-new-split',
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('dataset', choices=sorted(ANNOTATION_SOURCES))
    parser.add_argument('--out', help='folder (default data/<dataset>)')
    parser.add_argument('--download', action='store_true',
                        help='fetch from the public source')
    args = parser.parse_args(argv)
    out = args.out or DEFAULT_OUT.get(args.dataset,
                                      f'data/{args.dataset}')
    try:
        written = prepare_annotations(args.dataset, out, SHIPPED,
                                      args.download)
    except (OSError, KeyError) as err:
        raise SystemExit(f'error: {err}') from None
    print(f'{len(written)} files written to {out}')


if __name__ == '__main__':
    main()
