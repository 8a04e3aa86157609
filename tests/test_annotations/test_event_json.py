"""Every real F3AST annotation file loads and matches f3ast.md's tables."""
import json
import warnings

import numpy as np
import pytest

from fga.annotations import (ground_truth_sequence, load_classes,
                             load_event_annotations)
from fga.datasets import EventSequenceDataset

# dataset, split, videos, events, classes present, events/video (min, max),
# num_frames (min, max), total frames, evaluation clips (128 x stride 3)
TABLE = [
    ('finetennis', 'val', 1886, 7062, 54, (1, 26), (36, 1056), 420237, 2117),
    ('finetennis', 'test', 2271, 8847, 54, (1, 29), (30, 1095), 483381, 2515),
    ('badmintonDB', 'train', 466, 5601, 20, (2, 54), (50, 1332), 139792, 614),
    ('badmintonDB', 'val', 117, 1410, 20, (2, 44), (54, 1056), 34687, 155),
    ('badmintonDB', 'test', 171, 2117, 20, (1, 51), (59, 1465), 52902, 228),
    ('finediving', 'train', 1801, 5983, 28, (2, 5), (66, 216), 187591, 1801),
    ('finediving', 'val', 450, 1513, 26, (3, 5), (63, 273), 46820, 450),
    ('finediving', 'test', 749, 2514, 27, (3, 5), (66, 220), 77845, 749),
    ('finegym', 'val', 903, 7346, 18, (4, 18), (213, 3624), 1243734, 3638),
    ('finegym', 'test', 1102, 8880, 18, (4, 18), (208, 4566), 1606955, 4646),
]
NUM_CLASSES = dict(finetennis=56, badmintonDB=20, finediving=29, finegym=18)


@pytest.mark.parametrize('row', TABLE, ids=[f'{r[0]}-{r[1]}' for r in TABLE])
def test_real_annotation_counts(annotation_data, row):
    name, split, videos, events, present, per_video, frames, total, clips = \
        row
    root = f'{annotation_data}/f3ast/{name}'
    classes = load_classes(f'{root}/classes.txt')
    assert len(classes) == NUM_CLASSES[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        records = load_event_annotations(f'{root}/{split}.json', classes)
    unsorted = [w for w in caught if 'not sorted' in str(w.message)]
    expected_unsorted = dict(train=5, test=2).get(split, 0) \
        if name == 'finediving' else 0
    assert len(unsorted) == expected_unsorted
    counts = [len(r['events']) for r in records]
    lengths = [r['num_frames'] for r in records]
    assert len(records) == videos
    assert sum(counts) == events
    assert len({e['label'] for r in records for e in r['events']}) == present
    assert (min(counts), max(counts)) == per_video
    assert (min(lengths), max(lengths)) == frames
    assert sum(lengths) == total
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        dataset = EventSequenceDataset(
            ann_file=f'{root}/{split}.json',
            classes_file=f'{root}/classes.txt',
            pipeline=[], test_mode=True)
    assert len(dataset) == clips
    first = dataset.get_data_info(0)
    assert first['clip_start'] == -15 and first['num_clips'] == 1


def test_stride_binning_collisions(annotation_data):
    """FineDiving test has 6 events sharing a stride-3 bin with another
    (f3ast.md section 4); reference binning merges them, clean keeps all."""
    root = f'{annotation_data}/f3ast/finediving'
    classes = load_classes(f'{root}/classes.txt')
    index = {n: i for i, n in enumerate(classes)}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        records = load_event_annotations(f'{root}/test.json', classes)
    clean = sum(len(ground_truth_sequence(r, index, 3)) for r in records)
    binned = sum(
        len(ground_truth_sequence(r, index, 3, reference_compat=True))
        for r in records)
    assert clean == 2514 and clean - binned == 6


def _write(tmp_path, records, classes=('start', 'end', 'a', 'b')):
    (tmp_path / 'classes.txt').write_text('\n'.join(classes))
    path = tmp_path / 'split.json'
    path.write_text(json.dumps(records))
    return str(path), str(tmp_path / 'classes.txt')


def test_unknown_label_names_file_video_and_label(tmp_path):
    ann, cls = _write(tmp_path, [dict(video='v7', num_frames=10,
                                      events=[dict(frame=1, label='zz')])])
    with pytest.raises(ValueError, match=r"split.json: video v7 frame 1: "
                       r"label 'zz' is not in classes.txt"):
        load_event_annotations(ann, load_classes(cls))


def test_event_past_end_is_dropped_with_warning(tmp_path):
    ann, cls = _write(tmp_path, [dict(video='v1', num_frames=10,
                                      events=[dict(frame=2, label='a'),
                                              dict(frame=10, label='b')])])
    with pytest.warns(UserWarning, match='v1: event .b. at frame 10 >= '
                      'num_frames 10; dropped'):
        records = load_event_annotations(ann, load_classes(cls))
    assert [e['label'] for e in records[0]['events']] == ['a']


def test_unsorted_events_are_sorted_with_warning(tmp_path):
    ann, cls = _write(tmp_path, [dict(video='v1', num_frames=10,
                                      events=[dict(frame=5, label='a'),
                                              dict(frame=1, label='b'),
                                              dict(frame=1, label='a')])])
    with pytest.warns(UserWarning, match='v1: events are not sorted'):
        record = load_event_annotations(ann, load_classes(cls))[0]
    assert [(e['frame'], e['label']) for e in record['events']] == \
        [(1, 'b'), (1, 'a'), (5, 'a')]
    index = {'a': 0, 'b': 1}
    # Reference binning replays the file order: 'a'@1 overwrites 'b'@1.
    assert ground_truth_sequence(record, index, 3, True).tolist() == [0, 0]
    assert ground_truth_sequence(record, index).tolist() == [1, 0, 0]


@pytest.mark.parametrize('content,message', [
    ('{"video": ', 'malformed JSON'),
    ('{"video": "v"}', 'expected a JSON list'),
    ('[{"video": "v", "num_frames": 5}]', 'lacks "events"'),
    ('[{"video": "v", "num_frames": 0, "events": []}]',
     '"num_frames" is 0'),
    ('[{"video": "v", "num_frames": 5, "events": [{"frame": -1, '
     '"label": "a"}]}]', 'frame -1'),
    ('[{"video": "v", "num_frames": 5, "events": []}, {"video": "v", '
     '"num_frames": 5, "events": []}]', 'video v appears twice'),
])
def test_malformed_annotations(tmp_path, content, message):
    (tmp_path / 'classes.txt').write_text('start\nend\na\n')
    (tmp_path / 'bad.json').write_text(content)
    with pytest.raises(ValueError, match=message) as err:
        load_event_annotations(str(tmp_path / 'bad.json'), ['a'])
    assert 'bad.json' in str(err.value)


def test_classes_file_must_start_with_start_end(tmp_path):
    (tmp_path / 'classes.txt').write_text('a\nb\n')
    with pytest.raises(ValueError, match='"start" and "end"'):
        load_classes(str(tmp_path / 'classes.txt'))


def test_training_windows_follow_video_lengths(tmp_path):
    ann, cls = _write(tmp_path, [
        dict(video='short', num_frames=10, events=[]),
        dict(video='long', num_frames=990, events=[])])
    dataset = EventSequenceDataset(ann, cls, pipeline=[], clip_len=4,
                                   stride=1, num_train_clips=7)
    assert len(dataset) == 7
    np.random.seed(0)
    videos = [dataset.get_data_info(0)['video'] for _ in range(2000)]
    assert 0.985 < videos.count('long') / 2000 < 0.995
