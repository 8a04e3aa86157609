"""FeatureLocalizationDataset, LoadFeature, RandomFeatureTruncate and the
SynthFeat generator."""
import json
import os.path as osp

import numpy as np
import pytest
import torch

from fga.annotations import grid_geometry, seconds_to_grid
from fga.datasets import FeatureLocalizationDataset
from fga.datasets.synthetic import generate_synthfeat
from fga.datasets.transforms import (LoadFeature, PackLocalizationFeatures,
                                     RandomFeatureTruncate)


def _write(tmp_path, database, features):
    ann = tmp_path / 'ann.json'
    ann.write_text(json.dumps(dict(database=database)))
    folder = tmp_path / 'feats'
    folder.mkdir(exist_ok=True)
    for video, array in features.items():
        np.save(folder / f'{video}.npy', array)
    return str(ann), str(folder)


def _record(subset='Test', annotations=None, fps=30.0, duration=20.0):
    return dict(subset=subset, duration=duration, fps=fps,
                annotations=annotations if annotations is not None else [
                    dict(label='Jump', label_id=1, segment=[1.0, 2.0]),
                    dict(label='Run', label_id=0, segment=[10.0, 15.0]),
                ])


def _dataset(ann, folder, **kwargs):
    kwargs.setdefault('num_classes', 2)
    kwargs.setdefault('subsets', 'test')
    return FeatureLocalizationDataset(
        ann_file=ann, data_prefix=dict(feature=folder),
        pipeline=[dict(type='LoadFeature', in_channels=8),
                  dict(type='PackLocalizationFeatures')], **kwargs)


def test_seconds_to_grid_is_the_reference_mapping(tmp_path):
    ann, folder = _write(tmp_path, {'v1': _record()},
                         {'v1': np.zeros((147, 8), np.float32)})
    dataset = _dataset(ann, folder)
    assert dataset.metainfo['classes'] == ('Run', 'Jump')
    item = dataset[0]
    sample = item['data_samples']
    # 30 fps, stride 4, 16 frames: g = 7.5 t - 2
    torch.testing.assert_close(
        seconds_to_grid(sample.gt_instances.segments,
                        **grid_geometry(sample.metainfo)),
        torch.tensor([[5.5, 13.], [73., 110.5]]))
    assert sample.gt_instances.labels.tolist() == [1, 0]
    assert item['inputs'].shape == (147, 8)
    assert sample.metainfo['feat_stride'] == 4


def test_class_list_and_agnostic(tmp_path):
    ann, folder = _write(tmp_path, {'v1': _record()},
                         {'v1': np.zeros((147, 8), np.float32)})
    dataset = _dataset(ann, folder, classes=['Jump', 'Run'])
    assert dataset[0]['data_samples'].gt_instances.labels.tolist() == [0, 1]
    agnostic = _dataset(ann, folder, num_classes=1, class_agnostic=True)
    assert agnostic.metainfo['classes'] == ('Action', )
    assert agnostic[0]['data_samples'].gt_instances.labels.tolist() == [0, 0]


def test_bad_segments_warn_and_unknown_labels_fail(tmp_path):
    record = _record(annotations=[
        dict(label='Run', label_id=0, segment=[3.0, 3.0]),
        dict(label='Run', label_id=0, segment=[18.0, 25.0]),
        dict(label='Jump', label_id=1, segment=[1.0, 2.0]),
    ])
    ann, folder = _write(tmp_path, {'v1': record},
                         {'v1': np.zeros((147, 8), np.float32)})
    with pytest.warns(UserWarning) as record:
        dataset = _dataset(ann, folder)
    messages = [str(w.message) for w in record]
    assert any('v1' in m and 'end <= start' in m for m in messages)
    assert any('v1' in m and 'outside [0, 20.0]' in m for m in messages)
    assert len(dataset[0]['data_samples'].gt_instances.segments) == 2
    with pytest.raises(ValueError, match="v1: label 'Run' is not in"):
        _dataset(ann, folder, classes=['Jump', 'Swim'])


def test_missing_and_malformed_features(tmp_path):
    ann, folder = _write(tmp_path, {'v1': _record(), 'v2': _record()},
                         {'v1': np.zeros((147, 8), np.float32)})
    with pytest.raises(FileNotFoundError, match=r"v2"):
        _dataset(ann, folder)
    with pytest.warns(UserWarning, match='1 of 2 videos'):
        assert len(_dataset(ann, folder, missing_features='warn')) == 1
    np.save(osp.join(folder, 'v2.npy'), np.zeros((10, 7), np.float32))
    with pytest.raises(ValueError, match=r'v2: features .* shape \(10, 7\)'):
        _dataset(ann, folder)[1]
    bad = np.zeros((147, 8), np.float32)
    bad[3, 2] = np.nan
    np.save(osp.join(folder, 'v2.npy'), bad)
    with pytest.raises(ValueError, match='v2: .*NaN or Inf'):
        _dataset(ann, folder)[1]


def test_malformed_annotation(tmp_path):
    ann = tmp_path / 'ann.json'
    ann.write_text(json.dumps({'videos': {}}))
    with pytest.raises(ValueError, match='"database"'):
        _dataset(str(ann), str(tmp_path))
    ann.write_text(json.dumps({'database': {'v1': dict(
        subset='test', annotations=[dict(label='a', segment=[1])])}}))
    with pytest.raises(ValueError, match=r'v1: annotation 0: segment must '
                       r'be \[start, end\]'):
        _dataset(str(ann), str(tmp_path))


def test_random_truncate_keeps_the_reference_rule():
    np.random.seed(0)
    # 4 fps, stride 4, 16 frames: grid g = t - 2 (a half-clip offset of 2)
    geometry = dict(fps=4.0, feat_stride=4, feat_num_frames=16, feat_start=0)
    grid = np.array([[10., 30.], [1000., 1400.], [2900., 2990.]])
    results = dict(feat=torch.arange(3000.).repeat(2, 1).T,
                   gt_segments_seconds=grid + 2,
                   gt_labels=np.array([0, 1, 2]), **geometry)
    out = RandomFeatureTruncate(2304, 0.5)(dict(results))
    start = int(out['feat'][0, 0])
    assert out['feat'].shape == (2304, 2) and out['feat_start'] == start
    kept = seconds_to_grid(out['gt_segments_seconds'],
                           **grid_geometry(out))
    for (s, e), label in zip(kept, out['gt_labels']):
        orig = grid[label]
        assert s == max(orig[0], start - 2) - start
        assert e == min(orig[1], start + 2304 + 2) - start
    # a short video without crop_ratio is left alone
    short = dict(results, feat=torch.zeros(100, 2))
    assert RandomFeatureTruncate(2304, 0.5)(dict(short))['feat'].shape == (
        100, 2)
    cropped = RandomFeatureTruncate(2304, 0.5, crop_ratio=(0.9, 1.0))(
        dict(short, gt_segments_seconds=np.array([[12., 32.]]),
             gt_labels=np.array([0])))
    assert 90 <= cropped['feat'].shape[0] <= 100


def test_force_upsampling(tmp_path):
    np.save(tmp_path / 'v.npy', np.random.rand(50, 8).astype(np.float32))
    out = LoadFeature(8, force_upsampling=True, resize_length=192)(dict(
        video_id='v', feature_path=str(tmp_path / 'v.npy'), fps=15.0,
        duration=60.0, feat_stride=16, feat_num_frames=16,
        gt_segments_seconds=np.array([[0., 10.]]), gt_labels=np.array([0])))
    stride = (49 * 16 + 16) / 192
    assert out['feat'].shape == (192, 8)
    assert out['feat_stride'] == pytest.approx(stride)
    assert 0.5 * out['feat_num_frames'] / out['feat_stride'] == 0.5
    np.testing.assert_allclose(
        seconds_to_grid(out['gt_segments_seconds'], **grid_geometry(out)),
        [[-0.5, 10 * 15 / stride - 0.5]], rtol=1e-6)
    packed = PackLocalizationFeatures()(out)
    assert packed['data_samples'].metainfo['feat_num_frames'] == stride


def test_synthfeat_generator(tmp_path):
    counts = generate_synthfeat(str(tmp_path / 'sf'), seed=3, videos=10)
    assert counts == dict(train=6, val=2, test=2)
    database = json.load(open(tmp_path / 'sf' / 'annotations.json'))[
        'database']
    assert len(database) == 10
    first = next(iter(database))
    feats = np.load(tmp_path / 'sf' / 'features' / f'{first}.npy')
    assert feats.shape[1] == 32 and feats.dtype == np.float32
    again = generate_synthfeat(str(tmp_path / 'sf2'), seed=3, videos=10)
    assert again == counts
    assert json.load(open(tmp_path / 'sf2' / 'annotations.json')) == json.load(
        open(tmp_path / 'sf' / 'annotations.json'))
    with pytest.raises(FileExistsError):
        generate_synthfeat(str(tmp_path / 'sf'), videos=10)
    dataset = FeatureLocalizationDataset(
        ann_file=str(tmp_path / 'sf' / 'annotations.json'), subsets='train',
        num_classes=8, data_prefix=dict(feature=str(tmp_path / 'sf' /
                                                    'features')),
        pipeline=[dict(type='LoadFeature', in_channels=32),
                  dict(type='PackLocalizationFeatures')])
    assert len(dataset) == 6


def test_feature_file_far_shorter_than_the_video(tmp_path):
    ann, folder = _write(tmp_path, {'v1': _record()},
                         {'v1': np.zeros((3, 8), np.float32)})
    with pytest.raises(ValueError, match=r'video v1: features .*v1.npy have 3 '
                       r'steps, but a 20 s video at 30 fps with a feature '
                       r'stride of 4 frames needs about 147'):
        _dataset(ann, folder)[0]
