"""The real datasets' annotation files: copy the ones shipped with fga
(``tests/data/annotations``, complete public files) into a data folder, or
download them from their public source.

Configs read ``data/<dataset>/`` (F3AST format: ``classes.txt`` and split
JSONs; HAAN: ``.npy`` files and the mapping); fga's readers take the
``.gz`` files as they are, so copies stay compressed.
"""
import os
import os.path as osp
import shutil
import urllib.request
from typing import Dict, List, NamedTuple, Sequence

from fga.utils.atomic_files import atomic_write

__all__ = ['ANNOTATION_SOURCES', 'prepare_annotations']


class AnnotationSource(NamedTuple):
    """Where a dataset's annotation files come from."""
    shipped: str  # folder under the shipped annotations
    url: str  # public folder the same files download from
    files: Sequence[str]  # file names as published (uncompressed)


_F3AST = 'https://raw.githubusercontent.com/F3AST123/F3AST/main/data'
_HAAN = 'https://raw.githubusercontent.com/lizhi1104/HAAN/main/dataset'
_HAAN_FILES = ('video_names.npy', 'labels.npy', 'segments.npy',
               'sec2clip_ratios.npy', 'fine_to_coarse_mappings.json')

ANNOTATION_SOURCES: Dict[str, AnnotationSource] = {
    'finetennis': AnnotationSource(
        'f3ast/finetennis', f'{_F3AST}/finetennis',
        ('classes.txt', 'val.json', 'test.json', 'videos.csv')),
    'badmintonDB': AnnotationSource(
        'f3ast/badmintonDB', f'{_F3AST}/badmintonDB',
        ('classes.txt', 'train.json', 'val.json', 'test.json')),
    'finediving': AnnotationSource(
        'f3ast/finediving', f'{_F3AST}/finediving_start',
        ('classes.txt', 'train.json', 'val.json', 'test.json')),
    'finegym': AnnotationSource(
        'f3ast/finegym', f'{_F3AST}/finegym_start',
        ('classes.txt', 'val.json', 'test.json')),
    'haan-finegym': AnnotationSource('haan/FineGym', f'{_HAAN}/FineGym',
                                     _HAAN_FILES),
    'haan-fineaction': AnnotationSource('haan/FineAction',
                                        f'{_HAAN}/FineAction', _HAAN_FILES),
    'haan-finegym-new-split': AnnotationSource(
        'haan/FineGym-new-split', f'{_HAAN}/FineGym-new-split',
        ('gym99_train_element_new.txt', 'gym99_val_element_new.txt')),
}


def _download(url: str, path: str) -> None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response, \
                atomic_write(path, binary=True) as f:
            shutil.copyfileobj(response, f)
    except OSError as err:
        raise OSError(f'cannot download {url}: {err}') from None


def prepare_annotations(dataset: str,
                        out_dir: str,
                        shipped_root: str,
                        download: bool = False) -> List[str]:
    """Put ``dataset``'s annotation files into ``out_dir``.

    Args:
        dataset: a key of :data:`ANNOTATION_SOURCES`.
        out_dir: e.g. ``data/finetennis``.
        shipped_root: the shipped annotations (``tests/data/annotations``
            of a checkout).
        download: fetch every file from its public source instead.

    Returns:
        The files written; existing files are kept.
    """
    if dataset not in ANNOTATION_SOURCES:
        raise KeyError(f'unknown dataset {dataset!r}; one of '
                       f'{sorted(ANNOTATION_SOURCES)}')
    source = ANNOTATION_SOURCES[dataset]
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for name in source.files:
        if download:
            target = osp.join(out_dir, name)
            if not osp.exists(target):
                _download(f'{source.url}/{name}', target)
                written.append(target)
            continue
        folder = osp.join(shipped_root, source.shipped)
        shipped = [n for n in (name, name + '.gz')
                   if osp.isfile(osp.join(folder, n))]
        if not shipped:
            raise FileNotFoundError(f'{name} of {dataset} is not in '
                                    f'{folder}; pass download=True '
                                    f'(--download) to fetch {source.url}')
        target = osp.join(out_dir, shipped[0])
        if not osp.exists(target):
            with open(osp.join(folder, shipped[0]), 'rb') as src, \
                    atomic_write(target, binary=True) as dst:
                shutil.copyfileobj(src, dst)
            written.append(target)
    return written
