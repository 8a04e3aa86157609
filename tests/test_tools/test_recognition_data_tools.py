"""Diving48 and FineGym99 preparation: frames, IBM lists, clear errors."""
import json
import os
import sys

import cv2
import pytest

from fga.datasets import FrameListDataset
from fga.datasets.preparation import split_element_id


def test_diving48(run_tool, make_video, repo_root, tmp_path):
    videos = tmp_path / 'rgb'
    videos.mkdir()
    make_video(videos / 'a_00001.mp4', 12, fps=10, step=4)
    make_video(videos / 'b_00002.mp4', 7, fps=10, step=4)
    train = tmp_path / 'train.json'
    test = tmp_path / 'test.json'
    train.write_text(
        json.dumps(
            [dict(vid_name='a_00001', label=3, start_frame=0, end_frame=11)]))
    test.write_text(
        json.dumps([
            dict(vid_name='b_00002', label=47, start_frame=0, end_frame=6),
            dict(vid_name='gone_00003', label=1, start_frame=0, end_frame=9)
        ]))
    out = tmp_path / 'diving48'
    proc = run_tool([
        sys.executable, 'tools/data/diving48/prepare.py',
        str(train),
        str(test),
        str(videos),
        str(out)
    ],
                    cwd=repo_root,
                    check=False)
    # the missing video is named, left out of the list, and fails the run
    assert proc.returncode == 1
    assert 'gone_00003' in proc.stderr and 'cannot open video' in proc.stderr
    assert (out / 'train.txt').read_text() == 'a_00001 1 12 3\n'
    assert (out / 'val.txt').read_text() == 'b_00002 1 7 47\n'
    frames = sorted(os.listdir(out / 'rawframes' / 'a_00001'))
    assert frames[0] == '00001.jpg' and len(frames) == 12
    # short side 256
    assert cv2.imread(str(out / 'rawframes' / 'a_00001' /
                          '00001.jpg')).shape == (256, 455, 3)
    dataset = FrameListDataset(
        str(out / 'train.txt'), [],
        num_classes=48,
        data_prefix=dict(img=str(out / 'rawframes')))
    assert dataset[0]['total_frames'] == 12 and dataset[0]['label'] == 3

    train.write_text(json.dumps([dict(vid_name='a_00001', label=48)]))
    proc = run_tool([
        sys.executable, 'tools/data/diving48/prepare.py',
        str(train),
        str(test),
        str(videos),
        str(out)
    ],
                    cwd=repo_root,
                    check=False)
    assert proc.returncode != 0 and 'a_00001 has label 48' in proc.stderr


def test_finegym99(run_tool, make_video, repo_root, tmp_path):
    assert split_element_id('a_b_E_000010_000020_A_0001_0003') == (
        'a_b', 'E_000010_000020', 'A_0001_0003')
    with pytest.raises(ValueError, match='not <video>_E_'):
        split_element_id('a_b_0001')

    videos = tmp_path / 'videos'
    videos.mkdir()
    make_video(videos / 'vid_x.avi', 60, fps=10, step=4)
    annotation = {
        'vid_x': {
            'E_000001_000005': {
                'event': 1,
                'timestamps': [[1.0, 5.0]],
                'segments': {
                    'A_0001_0002': {
                        'stages': 1,
                        'timestamps': [[0.5, 1.5]]
                    },
                    'A_0002_0004': {
                        'stages': 2,
                        'timestamps': [[2.0, 2.6], [2.6, 3.2]]
                    }
                }
            }
        }
    }
    ann = tmp_path / 'ann.json'
    ann.write_text(json.dumps(annotation))
    train = tmp_path / 'train.txt'
    val = tmp_path / 'val.txt'
    train.write_text('vid_x_E_000001_000005_A_0001_0002 7\n')
    val.write_text('vid_x_E_000001_000005_A_0002_0004 98\n')
    out = tmp_path / 'gym99'
    run_tool([
        sys.executable, 'tools/data/finegym/prepare_gym99.py',
        str(ann),
        str(train),
        str(val),
        str(videos),
        str(out)
    ],
             cwd=repo_root)
    # element 1: 1.0 + [0.5, 1.5] s at 10 fps = frames [15, 25)
    assert (out / 'train.txt').read_text() == \
        'vid_x_E_000001_000005_A_0001_0002 1 10 7\n'
    # two stages: 1.0 + [2.0, 3.2] s = frames [30, 42)
    assert (out / 'val.txt').read_text() == \
        'vid_x_E_000001_000005_A_0002_0004 1 12 98\n'
    first = cv2.imread(
        str(out / 'rawframes' / 'vid_x_E_000001_000005_A_0001_0002' /
            '00001.jpg'))
    assert abs(first.mean() - 4 * 15) <= 3

    val.write_text('vid_x_E_000001_000005_A_0009_0010 5\n')
    proc = run_tool([
        sys.executable, 'tools/data/finegym/prepare_gym99.py',
        str(ann),
        str(train),
        str(val),
        str(videos),
        str(out)
    ],
                    cwd=repo_root,
                    check=False)
    assert proc.returncode != 0
    assert 'val.txt:1: vid_x_E_000001_000005_A_0009_0010 is not in the ' \
        'annotation file' in proc.stderr
