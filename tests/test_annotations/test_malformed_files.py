"""Malformed files of every data family, as a broken download or a hand
edit leaves them: each must fail with one error that names the file (and
the video or line) and says what is wrong, never load silently.

FAMILIES counts the cases of each family (the issue's report quotes it).
"""
import gzip
import json
import os
import os.path as osp
import zipfile

import numpy as np
import pytest
import torch

from fga.annotations import (AnnotationError, load_class_list, load_classes,
                             load_event_annotations, load_feature_array,
                             load_haan_annotations, load_localization_database,
                             load_sequence_predictions, read_frame_list,
                             read_gym99_event_ids)
from fga.annotations.activitynet import load_activitynet_results
from fga.annotations.features import check_feature_coverage
from fga.utils.safe_loading import (CheckpointFileError, UnsafeCheckpointError,
                                    load_checkpoint_file, safe_torch_load)

CLASSES = ['a', 'b']


def _f3ast(records):
    return json.dumps(records).encode()


def _video(**changes):
    record = dict(video='v1', num_frames=30,
                  events=[dict(frame=3, label='a')])
    record.update(changes)
    return record


# (case id, file content, expected message); the loader is
# load_event_annotations(FILE, CLASSES).
F3AST_JSON = [
    ('events-null', _f3ast([_video(events=None)]),
     'video v1: "events" must be a list, got null'),
    ('event-as-list', _f3ast([_video(events=[[3, 'a']])]),
     r"video v1: event 0: \{frame, label\} must be an object, got a list"),
    ('video-not-string', _f3ast([_video(video=7)]),
     'entry 0: "video" must be a non-empty string, got 7'),
    ('num-frames-string', _f3ast([_video(num_frames='30')]),
     "video v1: \"num_frames\" must be an integer, got '30'"),
    ('num-frames-bool', _f3ast([_video(num_frames=True)]),
     'video v1: "num_frames" must be an integer, got true'),
    ('num-frames-nan', b'[{"video": "v1", "num_frames": NaN, "events": []}]',
     'video v1: "num_frames" must be an integer, got nan'),
    ('num-frames-zero', _f3ast([_video(num_frames=0)]),
     '"num_frames" is 0, expected an integer >= 1'),
    ('frame-float', _f3ast([_video(events=[dict(frame=3.5, label='a')])]),
     'video v1 has an event with frame 3.5'),
    ('frame-negative', _f3ast([_video(events=[dict(frame=-1, label='a')])]),
     'frame -1; expected an integer >= 0'),
    ('label-null', _f3ast([_video(events=[dict(frame=1, label=None)])]),
     'video v1 frame 1: label null is not in classes.txt'),
    ('label-unknown', _f3ast([_video(events=[dict(frame=1, label='zz')])]),
     "label 'zz' is not in classes.txt"),
    ('missing-key', _f3ast([dict(video='v1', events=[])]),
     'entry 0 \\(v1\\) lacks "num_frames"'),
    ('entry-not-object', _f3ast(['v1']),
     'entry 0: a video record must be an object'),
    ('top-level-object', _f3ast({'v1': _video()}),
     'expected a JSON list of videos'),
    ('duplicate-video', _f3ast([_video(), _video()]),
     'video v1 appears twice'),
    ('duplicate-key',
     b'[{"video": "v1", "num_frames": 30, "events": [], "events": []}]',
     "key 'events' appears twice in one object"),
    ('truncated', _f3ast([_video()])[:25], r'malformed JSON \(truncated\?\)'),
    ('empty', b'', 'empty file'),
    ('not-utf8', b'[{"video": "v\xe9", "num_frames": 3, "events": []}]',
     r"not UTF-8 text \(byte 13: b'\\xe9'\)"),
    ('binary', b'\x89PNG\r\n\x1a\n\x00\x00', 'not UTF-8 text'),
]

# load_classes / load_class_list
CLASS_FILES = [
    ('no-start-end', b'a\nb\n', 'the first two lines must be "start"', True),
    ('only-start-end', b'start\nend\n', 'no classes after', True),
    ('duplicates', b'start\nend\na\na\n', r"duplicate class names \['a'\]",
     True),
    ('empty', b'\n\n', 'no class names', False),
    ('not-utf8', b'start\nend\ncaf\xe9\n', 'not UTF-8 text', True),
]


def _database(**record_changes):
    record = dict(subset='test', duration=20.0, fps=30.0,
                  annotations=[dict(label='a', label_id=0,
                                    segment=[1.0, 2.0])])
    record.update(record_changes)
    return json.dumps(dict(database=dict(v1=record))).encode()


def _ann(**changes):
    ann = dict(label='a', label_id=0, segment=[1.0, 2.0])
    ann.update(changes)
    return [ann]


# load_localization_database(FILE)
ACTIVITYNET_JSON = [
    ('fps-zero', _database(fps=0), 'video v1: "fps" is 0, expected a number '
     '> 0'),
    ('fps-text', _database(fps='thirty'),
     "video v1: \"fps\" must be a number, got 'thirty'"),
    ('fps-nan', _database(fps=float('nan')),
     'video v1: "fps" is nan, expected a finite number'),
    ('duration-negative', _database(duration=-5),
     '"duration" is -5, expected a number > 0'),
    ('duration-infinite', _database(duration=float('inf')),
     '"duration" is inf'),
    ('subset-null', _database(subset=None),
     'video v1: "subset" must be a non-empty string, got null'),
    ('record-null', json.dumps(dict(database=dict(v1=None))).encode(),
     'video v1: the record must be an object, got null'),
    ('annotations-null', _database(annotations=None),
     '"annotations" must be a list, got null'),
    ('annotation-as-list', _database(annotations=[['a', [1, 2]]]),
     'annotation 0: an annotation must be an object'),
    ('segment-string', _database(annotations=_ann(segment='1-2')),
     r"annotation 0: segment must be \[start, end\], got '1-2'"),
    ('segment-string-bound', _database(annotations=_ann(segment=['1', 2])),
     "a bound must be a number, got '1'"),
    ('segment-nan', _database(annotations=_ann(segment=[float('nan'), 3])),
     'a bound is nan, expected a finite number'),
    ('segment-three', _database(annotations=_ann(segment=[1, 2, 3])),
     r'segment must be \[start, end\]'),
    ('label-int', _database(annotations=_ann(label=3)),
     '"label" must be a non-empty string, got 3'),
    ('label-id-text', _database(annotations=_ann(label_id='0')),
     "\"label_id\" must be an integer, got '0'"),
    ('missing-subset', json.dumps(dict(database=dict(v1=dict(
        annotations=[])))).encode(), r"video v1: missing \['subset'\]"),
    ('duplicate-video',
     b'{"database": {"v1": {"subset": "test", "annotations": []}, '
     b'"v1": {"subset": "test", "annotations": []}}}',
     "key 'v1' appears twice in one object"),
    ('database-list', b'{"database": []}', '"database" mapping'),
    ('truncated', _database()[:40], 'malformed JSON'),
    ('not-utf8', _database(subset='t_st').replace(b't_st', b't\xe9st'),
     'not UTF-8 text'),
]


def _results(detections, video='v1'):
    return json.dumps(dict(results={video: detections})).encode()


def _det(**changes):
    det = dict(segment=[1.0, 2.0], label='a', score=0.9)
    det.update(changes)
    return det


# load_sequence_predictions(FILE, ['a', 'b', 'c']) for 'sequence-*',
# load_activitynet_results(FILE, ..., database) for 'detections-*'.
PREDICTIONS = [
    ('sequence-not-list', b'{"v1": []}', 'expected a JSON list'),
    ('sequence-no-labels', b'[{"video": "v1"}]',
     'entry 0 needs "video" and "labels"'),
    ('sequence-labels-null', b'[{"video": "v1", "labels": null}]',
     'video v1: "labels" must be a list, got null'),
    ('sequence-video-null', b'[{"video": null, "labels": []}]',
     'entry 0: "video" must be a non-empty string, got null'),
    ('sequence-unknown-label', b'[{"video": "v1", "labels": ["a", "zz"]}]',
     r"video v1: labels \['zz'\] are not in the class list"),
    ('sequence-label-int', b'[{"video": "v1", "labels": [0]}]',
     r'labels \[0\] are not in the class list'),
    ('sequence-scores-shape',
     b'[{"video": "v1", "labels": ["a"], "scores": [[1, 0]]}]',
     r'scores have shape \(1, 2\), expected \(1, 3\)'),
    ('sequence-scores-nan',
     b'[{"video": "v1", "labels": ["a"], "scores": [[NaN, 0, 0]]}]',
     'scores contain NaN or Inf'),
    ('sequence-scores-text',
     b'[{"video": "v1", "labels": ["a"], "scores": "high"}]',
     "scores must be rows of numbers, got 'high'"),
    ('sequence-twice', b'[{"video": "v1", "labels": []}, '
     b'{"video": "v1", "labels": []}]', 'video v1 is predicted twice'),
    ('sequence-truncated', b'[{"video": "v1", "lab', 'malformed JSON'),
    ('detections-score-nan', _results([_det(score=float('nan'))]),
     'video v1: detection 0: score is nan, expected a finite number'),
    ('detections-score-inf', _results([_det(), _det(score=float('inf'))]),
     'detection 1: score is inf'),
    ('detections-score-text', _results([_det(score='high')]),
     "score must be a number, got 'high'"),
    ('detections-reversed', _results([_det(segment=[5.0, 2.0])]),
     r'detection 0: segment \[5.0, 2.0\] ends before it starts'),
    ('detections-segment-nan', _results([_det(segment=[float('nan'), 2])]),
     'a bound is nan'),
    ('detections-segment-text', _results([_det(segment='1-2')]),
     r"segment must be \[start, end\], got '1-2'"),
    ('detections-unknown-video', _results([_det()], video='v_v1'),
     r"1 of 1 predicted videos are not in the annotation file: \['v_v1'\]"),
    ('detections-no-score', _results([dict(segment=[1, 2], label='a')]),
     'detection 0 needs "segment"'),
    ('detections-null', _results(None),
     'video v1: the detections must be a list, got null'),
    ('detections-no-results', b'{"v1": []}', r'expected \{"results"'),
    ('detections-duplicate-video',
     b'{"results": {"v1": [], "v1": []}}', "key 'v1' appears twice"),
]

# read_frame_list(FILE, num_classes=5); messages name FILE:line.
IBM_LISTS = [
    ('two-fields', b'vid_a 1 20 3\nvid_b 20\n',
     r':2: expected "path start end \[label\]"'),
    ('multi-label', b'vid_a 1 20 3 4\n', 'multi-label lists are not'),
    ('start-text', b'vid_a one 20 3\n', ':1: start, end and label must be'),
    ('label-float', b'vid_a 1 20 3.0\n', 'must be integers'),
    ('start-after-end', b'vid_a 30 20 3\n', ':1: start frame 30 > end frame'),
    ('start-negative', b'vid_a -1 20 3\n', 'start frame -1 is negative'),
    ('label-range', b'vid_a;1;20;5\n', r':1: label 5 is outside 0..4'),
    ('not-utf8', b'vid_\xe9 1 20 3\n', 'not UTF-8 text'),
    ('empty', b'\n\n', 'no videos listed'),
    ('gym99-malformed', b'abc_E_000001_000002_A_0001_0002 3\nabc 3\n',
     r":2: expected \"<ytid>_E_<s>_<e>_A_<s>_<e> <label>\""),
    ('gym99-not-utf8', b'\xff\xfe_E_1_2_A_1_2 3\n', 'not UTF-8 text'),
]


def _write(path, content):
    with open(path, 'wb') as f:
        f.write(content)
    return str(path)


@pytest.mark.parametrize('case,content,message', F3AST_JSON,
                         ids=[c[0] for c in F3AST_JSON])
def test_f3ast_json(tmp_path, case, content, message):
    path = _write(tmp_path / 'split.json', content)
    with pytest.raises(AnnotationError, match=message) as err:
        load_event_annotations(path, CLASSES)
    assert path in str(err.value)


def test_f3ast_json_gz_truncated_and_bom(tmp_path):
    data = gzip.compress(_f3ast([_video()]))
    path = _write(tmp_path / 'split.json.gz', data[:len(data) // 2])
    with pytest.raises(AnnotationError, match='cannot read') as err:
        load_event_annotations(str(tmp_path / 'split.json'), CLASSES)
    assert path in str(err.value)
    # A byte-order mark (a file saved on Windows) is not an error.
    path = _write(tmp_path / 'bom.json', b'\xef\xbb\xbf' + _f3ast([_video()]))
    assert load_event_annotations(path, CLASSES)[0]['video'] == 'v1'


@pytest.mark.parametrize('case,content,message,vocabulary', CLASS_FILES,
                         ids=[c[0] for c in CLASS_FILES])
def test_class_files(tmp_path, case, content, message, vocabulary):
    path = _write(tmp_path / 'classes.txt', content)
    with pytest.raises(AnnotationError, match=message) as err:
        (load_classes if vocabulary else load_class_list)(path)
    assert path in str(err.value)


@pytest.mark.parametrize('case,content,message', ACTIVITYNET_JSON,
                         ids=[c[0] for c in ACTIVITYNET_JSON])
def test_activitynet_json(tmp_path, case, content, message):
    path = _write(tmp_path / 'ann.json', content)
    with pytest.raises(AnnotationError, match=message) as err:
        load_localization_database(path)
    assert path in str(err.value)


@pytest.mark.parametrize('case,content,message', PREDICTIONS,
                         ids=[c[0] for c in PREDICTIONS])
def test_prediction_files(tmp_path, case, content, message):
    path = _write(tmp_path / 'pred.json', content)
    with pytest.raises(AnnotationError, match=message) as err:
        if case.startswith('sequence'):
            load_sequence_predictions(path, ['a', 'b', 'c'])
        else:
            database = load_localization_database(
                _write(tmp_path / 'ann.json', _database()))
            load_activitynet_results(path, {'a': 0}, database, 'test')
    assert path in str(err.value)


def test_detections_outside_the_subset_are_ignored_with_a_warning(tmp_path):
    database = json.loads(_database())['database']
    database['v2'] = dict(database['v1'], subset='validation')
    path = _write(tmp_path / 'pred.json', json.dumps(dict(results=dict(
        v1=[_det()], v2=[_det(score=0.99)]))).encode())
    with pytest.warns(UserWarning, match=r"ignored detections on 1 videos "
                      r"outside subset test: \['v2'\]"):
        out = load_activitynet_results(path, {'a': 0}, database, 'test')
    assert out['video'].tolist() == ['v1'] and out['scores'].tolist() == [.9]


@pytest.mark.parametrize('case,content,message', IBM_LISTS,
                         ids=[c[0] for c in IBM_LISTS])
def test_list_files(tmp_path, case, content, message):
    path = _write(tmp_path / 'list.txt', content)
    with pytest.raises(AnnotationError, match=message) as err:
        if case.startswith('gym99'):
            read_gym99_event_ids(path)
        else:
            read_frame_list(path, num_classes=5)
    assert path in str(err.value)


def test_repeated_list_line_warns(tmp_path):
    path = _write(tmp_path / 'list.txt', b'a 1 9 0\nb 1 9 1\na 1 9 0\n')
    with pytest.warns(UserWarning, match=r"lines \['3 \(= line 1\)'\] list "
                      'the same frames'):
        assert len(read_frame_list(path, 2)) == 3


# HAAN annotation folders: (case id, {file: replacement}, file named, message)
def _haan_folder(folder, videos=2):
    os.makedirs(folder, exist_ok=True)
    names = np.array([f'vid{i}' for i in range(videos)], dtype=object)
    labels = np.empty(videos, dtype=object)
    segments = np.empty(videos, dtype=object)
    for i in range(videos):
        labels[i] = np.array([[0, 1], [1, 2]])
        segments[i] = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.save(osp.join(folder, 'video_names.npy'), names)
    np.save(osp.join(folder, 'labels.npy'), labels)
    np.save(osp.join(folder, 'segments.npy'), segments)
    np.save(osp.join(folder, 'sec2clip_ratios.npy'), np.full(videos, 1.5))
    with open(osp.join(folder, 'fine_to_coarse_mappings.json'), 'w') as f:
        json.dump({'1': 0, '2': 1}, f)


def _objects(*items):
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


_GOOD_LABELS = np.array([[0, 1], [1, 2]])
_GOOD_SEGMENTS = np.array([[1.0, 2.0], [3.0, 5.0]])
HAAN_NPY = [
    ('sec2clip-zero', {'sec2clip_ratios.npy': np.array([1.5, 0.0])},
     'sec2clip_ratios.npy', 'video vid1: sec2clip is 0, expected a number '
     '> 0'),
    ('sec2clip-nan', {'sec2clip_ratios.npy': np.array([np.nan, 1.5])},
     'sec2clip_ratios.npy', 'video vid0: sec2clip is nan'),
    ('sec2clip-2d', {'sec2clip_ratios.npy': np.ones((2, 2))},
     'sec2clip_ratios.npy', r'expected one entry per video, got shape'),
    ('segments-nan', {'segments.npy': _objects(
        _GOOD_SEGMENTS, np.array([[np.nan, 2.0], [3.0, 5.0]]))},
     'segments.npy', 'video vid1: segments .* are not finite numbers'),
    ('segments-count', {'segments.npy': _objects(
        _GOOD_SEGMENTS, np.array([[1.0, 2.0]]))}, 'segments.npy',
     r'video vid1: 2 labels but segments of shape \(1, 2\)'),
    ('segments-text', {'segments.npy': _objects(
        _GOOD_SEGMENTS, np.array([['1', 'x'], ['3', '5']], dtype=object))},
     'segments.npy', 'video vid1: segments must be numbers'),
    ('labels-triples', {'labels.npy': _objects(
        _GOOD_LABELS, np.array([[0, 1, 2]]))}, 'labels.npy',
     r'video vid1: labels must be \[coarse, fine\] pairs'),
    ('labels-fraction', {'labels.npy': _objects(
        _GOOD_LABELS, np.array([[0, 1.5], [1, 2]]))}, 'labels.npy',
     'video vid1: .* must be integers'),
    ('labels-count', {'labels.npy': _objects(_GOOD_LABELS)}, 'labels.npy',
     '1 entries, video_names.npy has 2'),
    ('names-repeated', {'video_names.npy': np.array(['a', 'a'],
                                                    dtype=object)},
     'video_names.npy', r"videos \['a'\] appear twice"),
    ('names-not-text', {'video_names.npy': np.array([1, 2], dtype=object)},
     'video_names.npy', 'entry 0: the video name must be a non-empty string'),
    ('labels-truncated', {'labels.npy': b'truncate'}, 'labels.npy',
     'not a readable .npy array'),
    ('labels-empty', {'labels.npy': b''}, 'labels.npy',
     'not a readable .npy array'),
    ('mapping-truncated', {'fine_to_coarse_mappings.json': b'{"1": 0, "2'},
     'fine_to_coarse_mappings.json', 'malformed JSON'),
    ('mapping-not-utf8', {'fine_to_coarse_mappings.json': b'{"\xe9": 0}'},
     'fine_to_coarse_mappings.json', 'not UTF-8 text'),
    ('mapping-list', {'fine_to_coarse_mappings.json': b'[0, 1]'},
     'fine_to_coarse_mappings.json', 'must be an object'),
    ('mapping-text-id', {'fine_to_coarse_mappings.json': b'{"x": 0}'},
     'fine_to_coarse_mappings.json', "entry 'x'"),
    ('label-unmapped', {'fine_to_coarse_mappings.json': b'{"1": 0}'},
     '', 'video vid0: fine label 2 is not a known class'),
    ('pair-contradicts', {'fine_to_coarse_mappings.json': b'{"1": 1, "2": 1}'},
     '', r'pair \[0, 1\] contradicts fine_to_coarse'),
]


@pytest.mark.parametrize('case,replace,named,message', HAAN_NPY,
                         ids=[c[0] for c in HAAN_NPY])
def test_haan_npy(tmp_path, case, replace, named, message):
    folder = str(tmp_path / 'haan')
    _haan_folder(folder)
    for name, value in replace.items():
        if isinstance(value, bytes):
            _write(osp.join(folder, name), value)
        else:
            np.save(osp.join(folder, name), value)
    with pytest.raises(AnnotationError, match=message) as err:
        load_haan_annotations(folder)
    assert (osp.join(folder, named) if named else folder) in str(err.value)


def test_haan_negative_segments_are_clipped_with_a_warning(tmp_path):
    folder = str(tmp_path / 'haan')
    _haan_folder(folder)
    np.save(osp.join(folder, 'segments.npy'), _objects(
        _GOOD_SEGMENTS, np.array([[-1.0, 2.0], [3.0, 5.0]])))
    with pytest.warns(UserWarning, match=r"1 videos have segments reaching "
                      r"outside the video .* clipped: \['vid1'\]"):
        data = load_haan_annotations(folder)
    assert data['videos'][1]['segments'].tolist() == [[0, 2], [3, 5]]


HAAN_JSON = [
    ('subset-null', dict(subset=None), '"subset" must be a non-empty string'),
    ('sec2clip-text', dict(sec2clip='1.5'),
     "sec2clip must be a number, got '1.5'"),
    ('sec2clip-zero', dict(sec2clip=0), 'sec2clip is 0'),
    ('annotations-null', dict(annotations=None),
     '"annotations" must be a list'),
    ('segment-nan', dict(annotations=[dict(label_id=1, coarse_label_id=0,
                                           segment=[float('nan'), 1])]),
     'a bound is nan'),
    ('label-id-missing', dict(annotations=[dict(coarse_label_id=0,
                                                segment=[0, 1])]),
     'annotation 0 lacks "label_id"'),
]


@pytest.mark.parametrize('case,changes,message', HAAN_JSON,
                         ids=[c[0] for c in HAAN_JSON])
def test_haan_json(tmp_path, case, changes, message):
    record = dict(subset='training', sec2clip=1.5, annotations=[])
    record.update(changes)
    path = _write(tmp_path / 'haan.json', json.dumps(dict(
        fine_to_coarse={'1': 0}, database=dict(v1=record))).encode())
    with pytest.raises(AnnotationError, match=message) as err:
        load_haan_annotations(path)
    assert f'{path}: video v1' in str(err.value)


# load_feature_array(FILE, 8, 'v1') / check_feature_coverage
FEATURES = [
    ('object-array', 'object', 'cannot read features .*allow_pickle'),
    ('truncated', 'truncated', 'cannot read features'),
    ('empty', b'', 'cannot read features'),
    ('channels', np.zeros((10, 7), np.float32),
     r'shape \(10, 7\), expected \(T >= 1, 8\)'),
    ('nan', np.full((10, 8), np.nan, np.float32), 'contain NaN or Inf'),
    ('text', np.array([['a'] * 8] * 3), 'are of type <U1, not numbers'),
]


@pytest.mark.parametrize('case,content,message', FEATURES,
                         ids=[c[0] for c in FEATURES])
def test_feature_files(tmp_path, case, content, message):
    path = str(tmp_path / 'v1.npy')
    if isinstance(content, bytes):
        _write(path, content)
    elif isinstance(content, str) and content == 'object':
        np.save(path, _objects(np.zeros((3, 8))), allow_pickle=True)
    elif isinstance(content, str):
        np.save(path, np.zeros((100, 8), np.float32))
        _write(path, open(path, 'rb').read()[:300])
    else:
        np.save(path, content)
    with pytest.raises(AnnotationError, match=message) as err:
        load_feature_array(path, 8, 'v1')
    assert 'video v1' in str(err.value) and path in str(err.value)


def test_feature_file_far_shorter_than_its_video():
    with pytest.raises(AnnotationError, match=r'video v1: features f.npy '
                       r'have 3 steps, but a 24.7 s video at 30 fps with a '
                       r'feature stride of 4 frames needs about 182'):
        check_feature_coverage(3, 24.7, 30, 4, 16, 'f.npy', 'v1')
    check_feature_coverage(150, 24.7, 30, 4, 16, 'f.npy', 'v1')


class _Payload:
    """Unpickling this runs ``command``."""

    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command, ))


class _Namespace:
    pass


def _checkpoint(tmp_path, case):
    path = str(tmp_path / 'model.pth')
    good = {'state_dict': {'w': torch.ones(64)}}
    if case == 'empty':
        _write(path, b'')
    elif case in ('truncated-zip', 'truncated-legacy', 'truncated-storage'):
        torch.save(good, path,
                   _use_new_zipfile_serialization=case == 'truncated-zip')
        data = open(path, 'rb').read()
        _write(path, data[:-50] if case == 'truncated-storage' else
               data[:len(data) // 3])
    elif case == 'html':
        _write(path, b'<!DOCTYPE html><html>403 Forbidden</html>')
    elif case == 'binary':
        _write(path, bytes(range(256)))
    elif case == 'zip-without-pickle':
        with zipfile.ZipFile(path, 'w') as archive:
            archive.writestr('weights.bin', b'\0' * 16)
    elif case in ('payload', 'payload-legacy'):
        marker = tmp_path / 'pwned'
        torch.save(dict(good, meta=_Payload(f'touch {marker}')), path,
                   _use_new_zipfile_serialization=case == 'payload')
    elif case == 'foreign-class':
        torch.save(dict(good, meta=_Namespace()), path)
    return path


CHECKPOINTS = [
    ('empty', CheckpointFileError,
     r'model.pth: the file is empty \(0 bytes\)'),
    ('truncated-zip', CheckpointFileError,
     'is a truncated or corrupt zip-format checkpoint'),
    ('truncated-legacy', CheckpointFileError,
     'is truncated .*the pickle stops before its end'),
    ('truncated-storage', CheckpointFileError, 'probably truncated'),
    ('html', CheckpointFileError,
     "is a text file, not a checkpoint \\(it starts with '<!DOCTYPE"),
    ('binary', CheckpointFileError, 'is not a checkpoint'),
    ('zip-without-pickle', CheckpointFileError, 'without data.pkl'),
    ('payload', UnsafeCheckpointError, 'names posix.system, which can run'),
    ('payload-legacy', UnsafeCheckpointError, 'names posix.system'),
    ('foreign-class', UnsafeCheckpointError,
     r'names [\w.]*_Namespace, which safe loading'),
]


@pytest.mark.parametrize('case,error,message', CHECKPOINTS,
                         ids=[c[0] for c in CHECKPOINTS])
def test_checkpoints(tmp_path, case, error, message):
    path = _checkpoint(tmp_path, case)
    with pytest.raises(error, match=message) as err:
        safe_torch_load(path)
    text = str(err.value)
    assert path in text
    # Trusting is advised only for a file that names no dangerous callable.
    assert ('--trust-checkpoint`' in text) == (case == 'foreign-class')
    assert not (tmp_path / 'pwned').exists()


def test_trusting_a_payload_is_refused(tmp_path):
    path = _checkpoint(tmp_path, 'payload')
    with pytest.raises(UnsafeCheckpointError, match='not even with '
                       '--trust-checkpoint'):
        load_checkpoint_file(path, trust_checkpoint=True)
    assert not (tmp_path / 'pwned').exists()


FAMILIES = {
    'F3AST JSON': len(F3AST_JSON) + 2,
    'class lists': len(CLASS_FILES),
    'ActivityNet JSON': len(ACTIVITYNET_JSON),
    'HAAN npy/JSON': len(HAAN_NPY) + len(HAAN_JSON) + 1,
    'IBM/Gym99 lists': len(IBM_LISTS) + 1,
    'prediction files': len(PREDICTIONS) + 1,
    'feature files': len(FEATURES) + 1,
    'checkpoints': len(CHECKPOINTS) + 1,
}


def test_every_family_has_cases():
    assert all(count >= 5 for count in FAMILIES.values()), FAMILIES
