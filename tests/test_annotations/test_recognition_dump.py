import os
import pickle

import numpy as np
import pytest
import torch

from fga.annotations import (AnnotationError, UnsafeFileError,
                             load_recognition_dump)
from fga.evaluation.recognition_files import (evaluate_recognition_files,
                                              fuse_scores)


def _dump(path, scores, labels):
    samples = [
        dict(pred_score=torch.tensor(s, dtype=torch.float32),
             gt_label=torch.tensor([int(y)]),
             pred_label=torch.tensor([int(np.argmax(s))]))
        for s, y in zip(scores, labels)
    ]
    with open(path, 'wb') as f:
        pickle.dump(samples, f)
    return str(path)


SCORES = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5],
                   [0.6, 0.3, 0.1]])
LABELS = [1, 1, 2, 2]


def test_reads_tensors_back(tmp_path):
    scores, labels = load_recognition_dump(
        _dump(tmp_path / 'a.pkl', SCORES, LABELS))
    np.testing.assert_allclose(scores, SCORES, rtol=1e-6)
    assert labels.tolist() == LABELS


def test_accuracy_and_fusion(tmp_path):
    a = _dump(tmp_path / 'a.pkl', SCORES, LABELS)
    # top-1 hits samples 0 and 2; top-2 adds sample 1. Per class as
    # MMAction2's AccMetric: class 0, predicted but never true, counts 0,
    # so (0 + 1/2 + 1/2) / 3.
    result = evaluate_recognition_files([a], topk=(1, 2))
    assert result == pytest.approx(dict(top1_accuracy=0.5, top2_accuracy=0.75,
                                        mean_class_accuracy=1 / 3))
    flipped = SCORES[:, [0, 2, 1]]
    b = _dump(tmp_path / 'b.pkl', flipped, LABELS)
    fused = evaluate_recognition_files([a, b], [1.0, 3.0], topk=(1, ))
    expected = SCORES + 3 * flipped
    hits = (expected.argmax(1) == np.array(LABELS)).mean()
    assert fused['top1_accuracy'] == pytest.approx(hits)
    np.testing.assert_allclose(
        fuse_scores([SCORES], [2.0], apply_softmax=True).sum(1), 2.0)


def test_payload_never_runs(tmp_path):
    marker = tmp_path / 'ran'

    class Payload:

        def __reduce__(self):
            return os.system, (f'touch {marker}', )

    path = tmp_path / 'evil.pkl'
    path.write_bytes(pickle.dumps([dict(pred_score=Payload())]))
    with pytest.raises(UnsafeFileError, match='evil.pkl.*posix.system'):
        load_recognition_dump(str(path))
    assert not marker.exists()


@pytest.mark.parametrize('content, message', [
    ([], 'non-empty list'),
    ([dict(gt_label=torch.tensor([0]))], "sample 0 has no 'pred_score'"),
    ([dict(pred_score=torch.ones(3), gt_label=torch.tensor([3]))],
     'label 3 outside the 3 classes'),
    ([dict(pred_score=torch.ones(3), gt_label=torch.tensor([0])),
      dict(pred_score=torch.ones(4), gt_label=torch.tensor([0]))],
     'sample 1 has 4 class scores'),
    ([dict(pred_score=torch.tensor([float('nan')]),
           gt_label=torch.tensor([0]))], 'not finite'),
])
def test_malformed_dumps_are_named(tmp_path, content, message):
    path = tmp_path / 'bad.pkl'
    path.write_bytes(pickle.dumps(content))
    with pytest.raises(AnnotationError, match=f'bad.pkl.*{message}'):
        load_recognition_dump(str(path))


def test_truncated_dump(tmp_path):
    path = tmp_path / 'cut.pkl'
    path.write_bytes(pickle.dumps([dict(pred_score=torch.ones(3))])[:20])
    with pytest.raises(AnnotationError, match='cut.pkl: not a readable'):
        load_recognition_dump(str(path))
