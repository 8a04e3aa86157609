import os.path as osp

import numpy as np
import pytest
from mmaction.registry import DATASETS

from fga.datasets import F3SetDataset, SampleIndex

ROOT = osp.join(osp.dirname(__file__), '..', 'data', 'annotations', 'f3set')
TARGETS = [dict(type='SampleEventWindow'), dict(type='F3EDFrameTargets')]


def build(dataset='f3set-tennis', **kwargs):
    kwargs.setdefault('pipeline', TARGETS)
    return DATASETS.build(
        dict(type='F3SetDataset', ann_file='val.json',
             data_root=osp.join(ROOT, dataset), clip_len=32, stride=2,
             pad_len=2, **kwargs))


def test_evaluation_items_carry_elements_sequence_and_hands():
    dataset = build(test_mode=True)
    assert isinstance(dataset, F3SetDataset)
    meta = dataset.metainfo
    assert len(meta['classes']) == 1108 and len(meta['elements']) == 29
    assert np.asarray(meta['event_elements']).shape == (1108, 29)
    first = dataset.get_data_info(0)
    assert first['video'].endswith('170943_171285')
    assert first['hands'].tolist() == [1, 0]
    names = [meta['classes'][c] for c in first['gt_sequence']]
    assert names[:2] == ['far_deuce_serve_-_-_T_-_in',
                         'near_middle_return_bh_slice_IO_-_in']
    assert first['gt_event_frames'].tolist()[:2] == [84, 106]
    # 342 frames in clips of 64 raw frames from -4: 6 clips.
    assert [dataset.get_data_info(i)['clip_start'] for i in range(6)] == [
        -4, 60, 124, 188, 252, 316
    ]
    item = dataset[1]
    # Frame 84 -> (84 - 60) // 2 = 12; frame 106 -> 23.
    assert np.flatnonzero(item['frame_events']).tolist() == [12, 23]
    assert item['frame_elements'][12].nonzero()[0].tolist() == np.flatnonzero(
        first['event_elements'][0]).tolist()
    assert item['frame_elements'].sum(1)[item['frame_events'] == 0].max() \
        == 0


def test_training_items_are_reproducible_by_seed_epoch_index():
    dataset = build(num_train_clips=10)
    assert len(dataset) == 10
    a = dataset[SampleIndex(3, seed=5, epoch=1)]
    b = dataset[SampleIndex(3, seed=5, epoch=1)]
    c = dataset[SampleIndex(3, seed=5, epoch=2)]
    assert a['video'] == b['video'] and a['clip_start'] == b['clip_start']
    assert np.array_equal(a['frame_elements'], b['frame_elements'])
    assert (a['video'], a['clip_start']) != (c['video'], c['clip_start'])


@pytest.mark.parametrize('dataset', [
    'cctvpipe', 'f3set-badminton', 'f3set-table-tennis',
    'f3set-tennis-doubles', 'finediving', 'finegym'
])
def test_every_shipped_dataset_builds(dataset):
    data = build(dataset, test_mode=True)
    item = data[0]
    assert item['frame_elements'].shape == (32, len(data.element_names))
    assert len(data.get_data_info(0)['gt_sequence']) > 0
