"""Fetch F3Set's annotation files and place the element groups beside them.

    python tools/data/f3set/prepare.py f3set-tennis --out data/f3set-tennis \
        [--revision main] [--source DIR]

Downloads ``elements.txt``, ``events.txt`` and ``{train,val,test}.json``
of one dataset from the ``data/`` folder of the public repository
``F3Set/F3Set`` (or copies them from ``--source``, a checkout's
``data/<dataset>`` folder), checks them, and writes fga's
``element_groups.json`` for it (from ``tools/data/f3set/element_groups``).
Frames go to ``<out>/frames/<video>/%06d.jpg``
(``tools/data/extract_frames.py``;
the videos themselves come from the authors, see their README).
"""
import argparse

from fga.datasets.preparation.f3set import F3SET_DATASETS, prepare_f3set


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('dataset', choices=sorted(F3SET_DATASETS))
    parser.add_argument('--out', required=True, help='output folder')
    parser.add_argument('--revision', default='main',
                        help='git revision of F3Set/F3Set to download')
    parser.add_argument('--source',
                        help='local folder with the files instead of the '
                        'download')
    args = parser.parse_args(argv)
    try:
        written = prepare_f3set(args.dataset, args.out, args.revision,
                                args.source)
    except (OSError, ValueError) as err:
        raise SystemExit(f'error: {err}') from None
    for path, note in written:
        print(f'{path}: {note}')


if __name__ == '__main__':
    main()
