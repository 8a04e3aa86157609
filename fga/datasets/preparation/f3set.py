"""F3Set's annotation files in a data folder: downloaded from the public
repository ``F3Set/F3Set`` (``data/<dataset>/``) or copied from a local
checkout, checked with fga's readers, with the dataset's element groups
written beside them as ``element_groups.json``."""
import os
import os.path as osp
import shutil
from typing import List, Optional, Tuple

from fga.annotations.f3set import (load_element_groups, load_elements,
                                   load_event_vocabulary,
                                   load_f3set_annotations)
from fga.utils.atomic_files import atomic_write
from .annotations import _download

__all__ = ['F3SET_DATASETS', 'F3SET_URL', 'prepare_f3set']

F3SET_URL = 'https://raw.githubusercontent.com/F3Set/F3Set/{revision}/data'

# dataset: split files it publishes (F3Set-Tennis and FineGym publish no
# train.json).
F3SET_DATASETS = {
    'f3set-tennis': ('val.json', 'test.json'),
    'f3set-badminton': ('train.json', 'val.json', 'test.json'),
    'f3set-table-tennis': ('train.json', 'val.json', 'test.json'),
    'f3set-tennis-doubles': ('train.json', 'val.json', 'test.json'),
    'finediving': ('train.json', 'val.json', 'test.json'),
    'finegym': ('val.json', 'test.json'),
    'cctvpipe': ('train.json', 'val.json', 'test.json'),
}

GROUPS_DIR = osp.join(
    osp.dirname(osp.dirname(osp.dirname(osp.dirname(
        osp.abspath(__file__))))), 'tools', 'data', 'f3set',
    'element_groups')


def prepare_f3set(dataset: str,
                  out_dir: str,
                  revision: str = 'main',
                  source: Optional[str] = None,
                  groups_dir: str = GROUPS_DIR) -> List[Tuple[str, str]]:
    """Fetch (or copy from ``source``) one dataset's files into
    ``out_dir``, write its ``element_groups.json`` and load every split
    with :func:`~fga.annotations.f3set.load_f3set_annotations`, so a file
    that fga cannot read is reported here, naming the file and video.

    Returns:
        ``(path, note)`` per file written.
    """
    if dataset not in F3SET_DATASETS:
        raise ValueError(f'unknown F3Set dataset {dataset!r}; one of '
                         f'{sorted(F3SET_DATASETS)}')
    os.makedirs(out_dir, exist_ok=True)
    names = ('elements.txt', 'events.txt') + F3SET_DATASETS[dataset]
    written = []
    for name in names:
        path = osp.join(out_dir, name)
        if source is not None:
            with open(osp.join(source, name), 'rb') as src, \
                    atomic_write(path, binary=True) as f:
                shutil.copyfileobj(src, f)
            written.append((path, f'copied from {source}'))
        else:
            url = f'{F3SET_URL.format(revision=revision)}/{dataset}/{name}'
            _download(url, path)
            written.append((path, f'downloaded from {url}'))
    groups_path = osp.join(out_dir, 'element_groups.json')
    with open(osp.join(groups_dir, f'{dataset}.json'), 'rb') as src, \
            atomic_write(groups_path, binary=True) as f:
        shutil.copyfileobj(src, f)
    elements = load_elements(osp.join(out_dir, 'elements.txt'))
    groups = load_element_groups(groups_path, elements)
    vocabulary = load_event_vocabulary(osp.join(out_dir, 'events.txt'),
                                       groups)
    written.append((groups_path, f'{len(elements)} elements, '
                    f'{len(groups.groups)} groups, {len(groups.flags)} '
                    f'flags, {len(vocabulary.names)} events'))
    for split in F3SET_DATASETS[dataset]:
        records = load_f3set_annotations(
            osp.join(out_dir, split), groups, vocabulary)
        written.append((osp.join(out_dir, split), f'{len(records)} videos, '
                        f'{sum(len(r["events"]) for r in records)} events '
                        'read'))
    return written
