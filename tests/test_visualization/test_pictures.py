"""Every kind of picture renders on embedded data into a non-trivial PNG
(size, several colours)."""
import cv2
import numpy as np
import pytest

from fga.datasets.synthetic import synthrally_classes
from fga.visualization import (match_detections, plot_detection_timelines,
                               plot_recognition_samples,
                               plot_sequence_timelines, select_videos)


def _check_png(path, min_height=150, min_colours=8):
    image = cv2.imread(str(path))
    assert image is not None and image.shape[0] >= min_height
    colours = np.unique(image.reshape(-1, 3) // 16, axis=0)
    assert len(colours) >= min_colours
    return image


def _sequence_videos():
    return [
        # one missed event: a single gap, the rest still lines up
        dict(video='rally_a', gt=[0, 12, 25, 31], pred=[0, 25, 31],
             gt_frames=[5, 30, 60, 90], gt_frame_labels=[0, 12, 25, 31],
             num_frames=120),
        # a substitution and an extra event
        dict(video='rally_b', gt=[20, 3, 39], pred=[20, 4, 7, 39],
             gt_frames=[4, 40, 80], gt_frame_labels=[20, 3, 39],
             pred_frames=[5, 41, 60, 79], pred_frame_labels=[20, 4, 7, 39],
             num_frames=100),
        dict(video='rally_c', gt=[1, 2], pred=[1, 2]),
    ]


def test_sequence_timeline(tmp_path):
    classes = synthrally_classes()
    out = plot_sequence_timelines(_sequence_videos(), classes,
                                  str(tmp_path / 'timelines.png'))
    _check_png(out, min_height=400)
    worst = select_videos(_sequence_videos(), 2, order='worst')
    assert [v['video'] for v in worst] == ['rally_b', 'rally_a']
    assert [v['video'] for v in select_videos(_sequence_videos(), 2)] == [
        'rally_a', 'rally_b']
    with pytest.raises(ValueError, match="'first' or 'worst'"):
        select_videos(_sequence_videos(), 2, order='best')
    # Without ground truth (inference) only the prediction is drawn.
    plot_sequence_timelines([dict(video='v', gt=None, pred=[3, 4, 5])],
                            classes, str(tmp_path / 'pred_only.png'))
    _check_png(tmp_path / 'pred_only.png', min_height=100, min_colours=4)


def test_detection_matching_and_timeline(tmp_path):
    gt = np.array([[1.0, 4.0], [10.0, 14.0]])
    pred = np.array([[1.2, 4.1], [1.0, 3.9], [10.5, 13.0], [20., 22.]])
    matched = match_detections(pred, np.array([0, 0, 1, 1]), gt,
                               np.array([0, 1]))
    # the second detection of class 0 finds its segment taken; the third
    # is of the right class and overlaps enough
    assert matched.tolist() == [0, -1, 1, -1]
    rng = np.random.default_rng(0)
    videos = [
        dict(video='v1', duration=25.0, gt_segments=gt,
             gt_labels=np.array([0, 1]), pred_segments=pred,
             pred_scores=np.array([0.9, 0.6, 0.8, 0.3]),
             pred_labels=np.array([0, 0, 1, 1])),
        dict(video='v2', duration=30.0, gt_segments=np.array([[5., 9.]]),
             gt_labels=np.array([2]), pred_segments=np.array([[5., 8.5]]),
             pred_scores=np.array([0.7]), pred_labels=np.array([2]),
             cas=rng.normal(size=(45, 1)), cas_classes=[2], sec2clip=1.5),
    ]
    out = plot_detection_timelines(videos, ['run', 'jump', 'swim'],
                                   str(tmp_path / 'detections.png'))
    _check_png(out, min_height=300)


def test_recognition_frames_and_clusters(tmp_path):
    rng = np.random.default_rng(0)
    samples = [
        dict(video='up_3', frames=rng.integers(0, 255, (8, 32, 32, 3),
                                               dtype=np.uint8),
             gt_label=1, scores=np.array([0.1, 0.7, 0.1, 0.1])),
        dict(video='left_0', frames=rng.integers(0, 255, (12, 32, 32, 3),
                                                 dtype=np.uint8),
             gt_label=0, scores=np.array([0.2, 0.3, 0.4, 0.1]),
             clusters=np.repeat(np.arange(4), 3)),
    ]
    out = plot_recognition_samples(samples, str(tmp_path / 'rec.png'),
                                   class_names=['left', 'up', 'right',
                                                'down'])
    _check_png(out, min_height=200)
