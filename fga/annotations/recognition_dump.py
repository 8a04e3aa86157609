"""Reading the recognition results ``tools/test.py --dump`` pickles
(MMAction2's ``DumpResults``: one dict per sample with ``pred_score``,
``gt_label`` ... as tensors) without letting the file run code.

Python's unpickler would run any callable a crafted file names; here only
the calls that rebuild tensors, NumPy arrays and plain containers are
admitted, and a tensor's storage is re-read with ``weights_only``.
"""
import io
import pickle
from typing import Tuple

import numpy as np

from .file_io import AnnotationError, resolve_path
from .npy import UnsafeFileError, numpy_reconstruction_globals

__all__ = ['load_recognition_dump']


def _torch_globals() -> dict:
    import collections

    import torch
    import torch._utils

    def storage_from_bytes(data: bytes):
        return torch.load(io.BytesIO(data), weights_only=True)

    return {('torch._utils', '_rebuild_tensor_v2'):
            torch._utils._rebuild_tensor_v2,
            ('torch.storage', '_load_from_bytes'): storage_from_bytes,
            ('collections', 'OrderedDict'): collections.OrderedDict}


class _DumpUnpickler(pickle.Unpickler):

    def __init__(self, file, source: str) -> None:
        super().__init__(file)
        self.source = source
        self.allowed = {**numpy_reconstruction_globals(), **_torch_globals()}

    def find_class(self, module: str, name: str):
        value = self.allowed.get((module, name))
        if value is None:
            raise UnsafeFileError(
                f'{self.source}: refusing to read it: it names the callable '
                f'{module}.{name}, which unpickling would run. A recognition '
                'dump holds only tensors, arrays, numbers and strings; this '
                'file is not one, or it has been tampered with')
        return value


def _as_array(value, source: str, index: int, key: str) -> np.ndarray:
    if value is None:
        raise AnnotationError(f'{source}: sample {index} has no {key!r}')
    array = value.numpy() if hasattr(value, 'numpy') else np.asarray(value)
    if array.dtype == object or not np.issubdtype(array.dtype, np.number):
        raise AnnotationError(f'{source}: sample {index}: {key!r} is not '
                              'numeric')
    return array


def load_recognition_dump(path: str) -> Tuple[np.ndarray, np.ndarray]:
    """Class scores ``(N, C)`` float64 and labels ``(N,)`` int64 of a
    recognition dump, in sample order.

    Raises:
        UnsafeFileError: the file names a callable outside the allowlist.
        AnnotationError: not a dump, or a sample lacks scores or a label,
            or the samples disagree on the number of classes.
    """
    resolved = resolve_path(path, 'recognition dump')
    try:
        with open(resolved, 'rb') as f:
            samples = _DumpUnpickler(f, resolved).load()
    except UnsafeFileError:
        raise
    except Exception as err:
        raise AnnotationError(f'{resolved}: not a readable recognition dump '
                              f'({type(err).__name__}: {err})') from None
    if not isinstance(samples, list) or not samples or not all(
            isinstance(s, dict) for s in samples):
        raise AnnotationError(f'{resolved}: expected a non-empty list of '
                              'per-sample dicts (tools/test.py --dump of a '
                              'recognizer)')
    scores, labels = [], []
    for i, sample in enumerate(samples):
        score = _as_array(sample.get('pred_score'), resolved, i,
                          'pred_score').astype(np.float64).reshape(-1)
        label = _as_array(sample.get('gt_label'), resolved, i,
                          'gt_label').reshape(-1)
        if label.size != 1:
            raise AnnotationError(f'{resolved}: sample {i}: expected one '
                                  f'ground-truth label, got {label.size}')
        if scores and score.shape != scores[0].shape:
            raise AnnotationError(
                f'{resolved}: sample {i} has {score.size} class scores, '
                f'sample 0 has {scores[0].size}')
        if not np.isfinite(score).all():
            raise AnnotationError(f'{resolved}: sample {i}: pred_score is '
                                  'not finite')
        if not 0 <= int(label[0]) < score.size:
            raise AnnotationError(
                f'{resolved}: sample {i}: label {int(label[0])} outside the '
                f'{score.size} classes')
        scores.append(score)
        labels.append(int(label[0]))
    return np.stack(scores), np.asarray(labels, dtype=np.int64)
