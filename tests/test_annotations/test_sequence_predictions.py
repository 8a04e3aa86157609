import json

import numpy as np
import pytest

from fga.annotations import load_sequence_predictions

CLASSES = ['a', 'b', 'c']


def _write(tmp_path, records):
    path = tmp_path / 'pred.json'
    path.write_text(json.dumps(records))
    return str(path)


def test_scores_and_one_hot_rows(tmp_path):
    path = _write(tmp_path, [
        dict(video='v1', labels=['c', 'a'],
             scores=[[.1, .2, .7], [.6, .3, .1]]),
        dict(video='v2', labels=['b']),
    ])
    preds = load_sequence_predictions(path, CLASSES)
    np.testing.assert_array_equal(preds['v1'][0], [2, 0])
    np.testing.assert_allclose(preds['v1'][1], [[.1, .2, .7], [.6, .3, .1]])
    np.testing.assert_array_equal(preds['v2'][1], [[0, 1, 0]])


@pytest.mark.parametrize('record', [
    dict(video='v', labels=[], scores=[]),
    dict(video='v', labels=[]),
])
def test_empty_prediction_round_trips(tmp_path, record):
    """``tools/test.py --dump`` writes a video with no detected event as
    ``labels: [], scores: []``; that file must load back."""
    labels, scores = load_sequence_predictions(_write(tmp_path, [record]),
                                               CLASSES)['v']
    assert labels.shape == (0, ) and scores.shape == (0, 3)


@pytest.mark.parametrize('record,message', [
    (dict(video='v', labels=['a'], scores=[]),
     'scores have shape (0,), expected (1, 3)'),
    (dict(video='v', labels=[], scores=[[1, 0, 0]]),
     'scores have shape (1, 3), expected (0, 3)'),
    (dict(video='v', labels=['a'], scores=[[float('nan'), 0, 0]]),
     'NaN or Inf'),
    (dict(video='v', labels=['d']), "labels ['d'] are not in"),
    (dict(labels=['a']), 'entry 0 needs "video" and "labels"'),
])
def test_bad_predictions_name_file_and_problem(tmp_path, record, message):
    path = _write(tmp_path, [record])
    with pytest.raises(ValueError) as error:
        load_sequence_predictions(path, CLASSES)
    assert path in str(error.value) and message in str(error.value)


def test_video_predicted_twice(tmp_path):
    path = _write(tmp_path, [dict(video='v', labels=[])] * 2)
    with pytest.raises(ValueError, match='video v is predicted twice'):
        load_sequence_predictions(path, CLASSES)
