import gzip
import json
import os.path as osp

import numpy as np
import pytest

from fga.annotations import (AnnotationError, binned_frame_targets,
                             decode_elements, encode_label,
                             load_element_groups, load_elements,
                             load_event_vocabulary, load_f3set_annotations,
                             parse_element_groups)

ROOT = osp.join(osp.dirname(__file__), '..', 'data', 'annotations', 'f3set')
DATASETS = ('cctvpipe', 'f3set-badminton', 'f3set-table-tennis',
            'f3set-tennis', 'f3set-tennis-doubles', 'finediving', 'finegym')


def load(dataset):
    folder = osp.join(ROOT, dataset)
    elements = load_elements(osp.join(folder, 'elements.txt'))
    groups = load_element_groups(osp.join(folder, 'element_groups.json'),
                                 elements)
    vocabulary = load_event_vocabulary(osp.join(folder, 'events.txt'),
                                       groups)
    return folder, groups, vocabulary


@pytest.mark.parametrize('dataset', DATASETS)
def test_shipped_subsets_load_and_round_trip(dataset):
    folder, groups, vocabulary = load(dataset)
    records = load_f3set_annotations(
        osp.join(folder, 'val.json'), groups, vocabulary)
    assert len(records) == 3
    for record in records:
        for event in record['events']:
            names = decode_elements(event['elements'], groups)
            assert names, event['label']
            again = encode_label(groups.separator.join(names), groups)
            assert np.array_equal(again, event['elements'])
            assert np.array_equal(vocabulary.elements[event['class_index']],
                                  event['elements'])


def test_tennis_label_elements_and_hands():
    folder, groups, vocabulary = load('f3set-tennis')
    assert len(groups.elements) == 29 and len(vocabulary.names) == 1108
    vector = encode_label('near_deuce_serve_-_-_W_-_unforced-err', groups)
    assert decode_elements(vector, groups) == [
        'near', 'deuce', 'serve', 'W', 'unforced-err'
    ]
    assert np.flatnonzero(vector).tolist() == [0, 2, 5, 18, 28]
    assert vocabulary.label_of(vector, groups) == \
        'near_deuce_serve_-_-_W_-_unforced-err'
    # The reference's hard-coded groups, now data.
    assert [m for _, m, _ in groups.groups] == [
        (0, 1), (2, 3, 4), (5, 6, 7), (8, 9), (10, 11, 12, 13, 14, 15),
        tuple(range(16, 24)), (25, 26, 27, 28)
    ]
    assert groups.flags == (24, ) and groups.groups[3][2] == (5, )
    records = load_f3set_annotations(
        osp.join(folder, 'val.json'), groups, vocabulary)
    assert [r['hands'].tolist() for r in records] == [[1, 0], [0, 0], [1, 0]]


def test_dataset_quirks_are_data():
    # Doubles: events.txt says 'winner' for the element 'win'.
    _, groups, vocabulary = load('f3set-tennis-doubles')
    assert 'win' in decode_elements(
        vocabulary.elements[vocabulary.names.index(
            'near_deuce_forehand_serve_t_conventional_winner')], groups)
    # FineDiving separates elements with a space.
    _, groups, _ = load('finediving')
    assert decode_elements(encode_label('3.5 Soms.Tuck', groups),
                           groups) == ['3.5', 'Soms.Tuck']
    # cctvpipe: flags only; 'TJ_TJ_ZW' is TJ and ZW.
    _, groups, _ = load('cctvpipe')
    assert groups.groups == () and len(groups.flags) == 16
    assert decode_elements(encode_label('TJ_TJ_ZW', groups),
                           groups) == ['TJ', 'ZW']


def write_split(tmp_path, records):
    path = tmp_path / 'bad.json.gz'
    with gzip.open(path, 'wt') as f:
        json.dump(records, f)
    return str(path)


def test_malformed_labels_name_file_video_and_event(tmp_path):
    _, groups, vocabulary = load('f3set-tennis')
    record = dict(video='v1', num_frames=100, events=[
        dict(frame=3, label='near_deuce_serve_-_-_W_-_in'),
        dict(frame=9, label='near_deuce_serve_-_-_Q_-_in')])
    path = write_split(tmp_path, [record])
    with pytest.raises(AnnotationError,
                       match=r"bad.json.gz: video v1: event 1 \(frame 9\).*"
                       r"'Q', which is not in elements.txt"):
        load_f3set_annotations(path, groups, vocabulary)
    record['events'][1]['label'] = 'near_far_serve_-_-_W_-_in'
    with pytest.raises(AnnotationError, match=r"event 1.*\['near', 'far'\], "
                       "which exclude each other \\(group 'side'\\)"):
        load_f3set_annotations(write_split(tmp_path, [record]), groups,
                               vocabulary)
    record['events'][1]['label'] = 'near_deuce_approach'
    with pytest.raises(AnnotationError, match='event 1.*no event of '
                       'events.txt; list it in extra_events'):
        load_f3set_annotations(write_split(tmp_path, [record]), groups,
                               vocabulary)
    record['events'][1]['label'] = 'near_deuce_serve_-_-_W_-_in'
    record['near_hand'] = 'left'
    with pytest.raises(AnnotationError, match='video v1: "near_hand" is '
                       "'left'; expected 'LH' or 'RH'"):
        load_f3set_annotations(write_split(tmp_path, [record]), groups,
                               vocabulary)


@pytest.mark.parametrize('spec, message', [
    (dict(groups=[dict(name='s', elements=['a', 'b'])], flags=[]),
     r"elements \['c'\] are in no group"),
    (dict(groups=[dict(name='s', elements=['a', 'b'])], flags=['b', 'c']),
     "'b' is in both group 's' and flags"),
    (dict(groups=[dict(name='s', elements=['a', 'x'])], flags=['c']),
     r"\['x'\] not in elements.txt"),
    (dict(groups=[dict(name='s', elements=['a', 'b'], unless=['a'])],
          flags=['c']), "depends on \\['a'\\]"),
    (dict(groups=[], flags=['a', 'b', 'c'], colour=1), 'unknown keys'),
])
def test_malformed_groups(spec, message):
    with pytest.raises(AnnotationError, match='groups.json: .*' + message):
        parse_element_groups(spec, ['a', 'b', 'c'], 'groups.json')


def test_binned_frame_targets_follow_the_reference():
    a, b = np.array([1, 0]), np.array([0, 1])
    with pytest.warns(UserWarning, match='partial last bin'):
        flags, elements = binned_frame_targets(
            [(0, a), (5, b), (4, a), (10, b)], num_frames=11, stride=2,
            num_elements=2)
    # Frames 4 and 5 share bin 2; the later in file order (frame 4) wins;
    # frame 10 is in the partial bin 5 of 11 // 2 = 5 bins.
    assert flags.tolist() == [1, 0, 1, 0, 0]
    assert elements.tolist() == [[1, 0], [0, 0], [1, 0], [0, 0], [0, 0]]
