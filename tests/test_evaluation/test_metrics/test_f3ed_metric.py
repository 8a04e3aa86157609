import json
import os.path as osp

import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, METRICS

from fga.evaluation.f3ed_files import evaluate_f3ed_files
from fga.utils.setup_env import register_all_modules

register_all_modules()
DATA = osp.join(osp.dirname(__file__), '..', '..', 'data', 'annotations',
                'f3set', 'f3set-tennis')


def perfect_clips(dataset):
    """Samples whose probabilities put each true event on its frame."""
    samples = []
    for i in range(len(dataset)):
        item = dataset[i]
        events = torch.tensor(item['frame_events'], dtype=torch.float32)
        samples.append(
            dict(video=item['video'], num_frames=item['num_frames'],
                 stride=item['stride'],
                 clip_start_index=item['clip_start_index'],
                 pred_event_probs=torch.stack(
                     [0.9 - 0.8 * events, 0.1 + 0.8 * events], -1),
                 pred_element_probs=torch.tensor(item['frame_elements']) *
                 0.9 + 0.05,
                 gt_event_frames=torch.as_tensor(item['gt_event_frames']),
                 gt_event_labels=torch.as_tensor(item['gt_event_labels'])))
    return samples


def test_perfect_predictions_and_the_dump_scores_the_same(tmp_path):
    dataset = DATASETS.build(
        dict(type='F3SetDataset', ann_file='val.json', data_root=DATA,
             clip_len=32, stride=2, pad_len=2, test_mode=True,
             pipeline=[dict(type='SampleEventWindow'),
                       dict(type='F3EDFrameTargets')]))
    dump = str(tmp_path / 'f3ed.json')
    metric = METRICS.build(dict(type='F3EDMetric', prediction_file=dump))
    metric.dataset_meta = dataset.metainfo
    metric.process(None, perfect_clips(dataset))
    metrics = metric.compute_metrics(metric.results)
    assert metrics['event_f1@0'] == pytest.approx(1.0, abs=1e-9)
    assert metrics['edit'] == 100.0
    # 29 elements, of which the 14 events of the subset use 16 (the others
    # score 0 in the reference's mean).
    used = np.asarray(dataset.metainfo['event_elements'])[
        np.concatenate([dataset.get_data_info(i)['gt_event_labels']
                        for i in range(len(dataset))])].any(0).sum()
    assert metrics['element_f1@0'] == pytest.approx(used / 29, abs=1e-9)
    records = json.load(open(dump))
    assert [r['video'] for r in records] == sorted(
        {dataset.get_data_info(i)['video'] for i in range(len(dataset))})
    first = next(r for r in records
                 if r['video'].endswith('170943_171285'))['events'][0]
    assert first == dict(frame=84, label='far_deuce_serve_-_-_T_-_in',
                         elements=['far', 'deuce', 'serve', 'T', 'in'],
                         score=pytest.approx(0.9))
    # The reference's per-frame misses (quirk 2): with delta 1 even perfect
    # predictions lose half their element F1.
    assert metrics['element_f1@1'] == pytest.approx(
        metrics['element_f1@0'] / 2, abs=1e-9)
    again = evaluate_f3ed_files(osp.join(DATA, 'val.json'), dump)
    assert again == metrics


def test_a_model_without_f3ed_outputs_is_refused():
    metric = METRICS.build(dict(type='F3EDMetric'))
    with pytest.raises(KeyError, match='F3EDHead'):
        metric.process(None, [dict(video='v')])
