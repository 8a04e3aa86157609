"""The repository stands alone: nothing reads files from beside the
checkout, and the shipped annotation files are there."""
import os.path as osp
import subprocess
import sys

import pytest

# Spelled in pieces so that this file does not match itself.
FORBIDDEN = ('..' + '/shared', 'FGA_' + 'SHARED_DATA', 'shared' + '/data')
CHECKED = ('fga', 'configs', 'tools', 'tests', 'benchmarks', 'projects',
           '.ci', 'setup.py', 'setup.cfg', 'README.md')


def test_nothing_reads_beside_the_checkout(repo_root):
    files = subprocess.run(['git', 'ls-files', '--', *CHECKED],
                           cwd=repo_root, capture_output=True, text=True,
                           check=True).stdout.split()
    hits = []
    for name in files:
        if name.endswith(('.gz', '.pth', '.npy', '.jpg', '.png')):
            continue
        with open(osp.join(repo_root, name), encoding='utf-8') as f:
            text = f.read()
        hits += [f'{name}: {word}' for word in FORBIDDEN if word in text]
    assert not hits


@pytest.mark.parametrize('dataset,expected', [
    ('finetennis', ['classes.txt', 'test.json.gz', 'val.json.gz',
                    'videos.csv']),
    ('haan-finegym', ['fine_to_coarse_mappings.json', 'labels.npy.gz',
                      'sec2clip_ratios.npy.gz', 'segments.npy.gz',
                      'video_names.npy.gz']),
])
def test_prepare_annotations_copies_the_shipped_files(run_tool, repo_root,
                                                      tmp_path, dataset,
                                                      expected):
    out = tmp_path / dataset
    proc = run_tool([sys.executable, 'tools/data/prepare_annotations.py',
                     dataset, '--out', str(out)], cwd=repo_root)
    assert f'{len(expected)} files written' in proc.stdout
    assert sorted(p.name for p in out.iterdir()) == expected
    again = run_tool([sys.executable, 'tools/data/prepare_annotations.py',
                      dataset, '--out', str(out)], cwd=repo_root)
    assert '0 files written' in again.stdout


def test_prepared_files_load(repo_root, tmp_path):
    from fga.annotations import load_classes, load_event_annotations
    from fga.datasets.preparation import prepare_annotations
    prepare_annotations('badmintonDB', str(tmp_path), osp.join(
        repo_root, 'tests', 'data', 'annotations'))
    classes = load_classes(str(tmp_path / 'classes.txt'))
    assert len(load_event_annotations(str(tmp_path / 'test.json'),
                                      classes)) > 0
