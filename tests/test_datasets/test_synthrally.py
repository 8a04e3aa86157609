import json
import os
import os.path as osp

import cv2
import numpy as np
import pytest

from fga.datasets import load_classes, load_event_annotations
from fga.datasets.synthetic import generate_synthrally, synthrally_classes


def test_format_and_labels(synthrally_small):
    classes = load_classes(osp.join(synthrally_small, 'classes.txt'))
    assert classes == synthrally_classes() and len(classes) == 40
    counts = {}
    for split in ('train', 'val', 'test'):
        records = load_event_annotations(
            osp.join(synthrally_small, f'{split}.json'), classes)
        counts[split] = len(records)
        for r in records:
            frames = sorted(os.listdir(
                osp.join(synthrally_small, 'frames', r['video'])))
            assert len(frames) == r['num_frames']
            assert frames[0] == '000000.jpg'
            labels = [e['label'] for e in r['events']]
            assert '_serve_' in labels[0] and labels[-1].endswith('_last')
            assert all(not lab.endswith('_last') for lab in labels[:-1])
            sides = [lab.split('_')[0] for lab in labels]
            assert all(a != b for a, b in zip(sides, sides[1:]))
    assert counts == dict(train=12, val=4, test=4)
    img = cv2.imread(osp.join(synthrally_small, 'frames', 'rally_00000',
                              '000000.jpg'))
    assert img.shape == (64, 96, 3)


def test_deterministic(tmp_path):
    a, b = tmp_path / 'a', tmp_path / 'b'
    generate_synthrally(str(a), seed=5, videos=5)
    generate_synthrally(str(b), seed=5, videos=5)
    assert (a / 'train.json').read_text() == (b / 'train.json').read_text()
    frame = 'frames/rally_00001/000004.jpg'
    assert (a / frame).read_bytes() == (b / frame).read_bytes()
    generate_synthrally(str(tmp_path / 'c'), seed=6, videos=5)
    assert (tmp_path / 'c' / 'train.json').read_text() != \
        (a / 'train.json').read_text()


def test_existing_output_is_kept_unless_overwrite(tmp_path):
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'mine.txt').write_text('keep')
    with pytest.raises(FileExistsError, match='not empty'):
        generate_synthrally(str(out), videos=2)
    assert (out / 'mine.txt').exists()
    generate_synthrally(str(out), videos=2, overwrite=True)
    assert not (out / 'mine.txt').exists()
    assert (out / 'test.json').exists()
    assert [p.name for p in tmp_path.iterdir()] == ['out']


def test_labels_are_not_positional(tmp_path):
    """The second shot is a return but its other attributes vary, and the
    same positions carry many different labels."""
    generate_synthrally(str(tmp_path), seed=0, videos=60)
    records = json.loads((tmp_path / 'train.json').read_text())
    by_position = {}
    for r in records:
        for j, e in enumerate(r['events']):
            by_position.setdefault(j, set()).add(e['label'])
    assert len(by_position[0]) >= 6 and len(by_position[1]) >= 8
    lengths = {len(r['events']) for r in records}
    assert len(lengths) >= 5


def test_hits_are_visible(tmp_path):
    """At a hit frame the hitter's racket (dark pixels) appears beside the
    hitter, on the side its hand label says."""
    generate_synthrally(str(tmp_path), seed=1, videos=10)
    records = json.loads((tmp_path / 'train.json').read_text())
    checked = 0
    for r in records:
        for e in r['events']:
            side, hand = e['label'].split('_')[:2]
            if hand == '-':
                continue
            img = cv2.imread(str(tmp_path / 'frames' / r['video'] /
                                 f"{e['frame']:06d}.jpg"))
            colour = np.array([40, 40, 220] if side == 'near'
                              else [220, 60, 40])  # BGR
            body = np.abs(img.astype(int) - colour).sum(-1) < 120
            ys, xs = np.nonzero(body)
            dark = img.sum(-1) < 150
            dark[:, :] &= np.abs(np.arange(64)[:, None] - ys.mean()) < 6
            left = dark[:, :int(xs.min())].sum()
            right = dark[:, int(xs.max()) + 1:].sum()
            facing_right = (hand == 'fh') == (side == 'near')
            assert (right > left) == facing_right, (r['video'], e)
            checked += 1
    assert checked > 10
