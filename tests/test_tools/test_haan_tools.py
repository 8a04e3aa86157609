"""HAAN through tools/train.py, tools/test.py --dump, two-process DDP
(rank 0 clusters, the labels are broadcast) and the annotation converter."""
import json
import os.path as osp
import socket
import sys

import pytest

from fga.datasets.synthetic import generate_synthweak

TINY = """
_base_ = [{base!r}]
root = {root!r}
model = dict(head=dict(embed_channels=16, num_atomic_actions=6,
                       num_top_concepts=3,
                       fine_to_coarse=root + '/fine_to_coarse_mappings.json'))
dataset = dict(ann_path=root, features=root + '/features.npy',
               num_training_videos=30, val_fraction=0.2)
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
train_cfg = dict(max_epochs=1, val_interval=1)
default_hooks = dict(logger=dict(interval=1))
"""


@pytest.fixture(scope='module')
def haan_config(repo_root, tmp_path_factory):
    folder = tmp_path_factory.mktemp('haan')
    generate_synthweak(str(folder / 'sw'), videos=40)
    path = folder / 'tiny_haan.py'
    path.write_text(TINY.format(
        base=osp.join(repo_root, 'configs', 'haan',
                      'haan_mlp-d64_1xb2-40e_synthweak.py'),
        root=str(folder / 'sw')))
    return str(path)


def test_train_and_test(run_tool, repo_root, haan_config, tmp_path):
    work = tmp_path / 'work'
    proc = run_tool([sys.executable, 'tools/train.py', haan_config,
                     '--work-dir', str(work)], cwd=repo_root)
    output = proc.stdout + proc.stderr
    assert 'atomic-action discovery: KMeans with 6 clusters' in output
    assert 'det/average_mAP' in output
    dump = tmp_path / 'pred.json'
    run_tool([sys.executable, 'tools/test.py', haan_config,
              str(work / 'epoch_1.pth'), '--work-dir', str(tmp_path / 't'),
              '--dump', str(dump)], cwd=repo_root)
    results = json.loads(dump.read_text())['results']
    assert len(results) == 10  # the test videos
    for detections in results.values():
        for det in detections:
            assert det['label'].startswith('fine_')
            assert 0 <= det['segment'][0] <= det['segment'][1]


def test_two_process_training(run_tool, repo_root, haan_config, tmp_path):
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = str(s.getsockname()[1])
    work = tmp_path / 'ddp'
    run_tool(['bash', 'tools/dist_train.sh', haan_config, '2',
              '--work-dir', str(work)], cwd=repo_root,
             env_extra=dict(PORT=port))
    assert (work / 'epoch_1.pth').is_file()


def test_convert_annotations(run_tool, repo_root, annotation_data, tmp_path):
    out = tmp_path / 'finegym.json'
    proc = run_tool([sys.executable, 'tools/data/haan/convert_annotations.py',
                     osp.join(annotation_data, 'haan', 'FineGym'), str(out),
                     '--num-training-videos', '3775'], cwd=repo_root)
    assert '4968 videos, 34841 instances (0 with end <= start)' in proc.stdout
    content = json.loads(out.read_text())
    subsets = [r['subset'] for r in content['database'].values()]
    assert subsets.count('training') == 3775
    assert len(content['fine_to_coarse']) == 99
