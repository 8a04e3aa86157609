"""A prediction file of any task, read with the ground truth its config's
test split names: recognition dumps (``.pkl``), sequence predictions and
detection results (``.json``), as ``tools/test.py --dump`` writes them."""
import gzip
import json
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np

from fga.annotations import (load_activitynet_results, load_class_list,
                             load_recognition_dump)
from fga.evaluation.detection_files import load_detection_ground_truth
from fga.evaluation.functional.label_breakdown import aligned_labels
from fga.evaluation.sequence_files import load_sequence_files
from fga.utils.atomic_files import atomic_write

__all__ = ['dataset_of_test_split', 'load_predictions', 'dump_json']


def dataset_of_test_split(cfg):
    """The innermost dataset of ``cfg.test_dataloader`` (through dataset
    wrappers)."""
    dataset = cfg.test_dataloader.dataset
    while 'dataset' in dataset and 'pipeline' not in dataset:
        dataset = dataset.dataset
    return dataset


def _in_root(dataset, path: Optional[str]) -> Optional[str]:
    root = dataset.get('data_root')
    if path and root and not osp.isabs(path):
        return osp.join(root, path)
    return path


def _file_kind(pred_file: str) -> str:
    if pred_file.endswith('.pkl'):
        return 'recognition'
    if pred_file.endswith('.pth'):
        raise ValueError(f'{pred_file} is a checkpoint: write its '
                         'predictions first with tools/test.py CONFIG '
                         'CHECKPOINT --dump preds.pkl (or .json)')
    opener = gzip.open if pred_file.endswith('.gz') else open
    try:
        with opener(pred_file, 'rt', encoding='utf-8') as f:
            head = f.read(4096).lstrip()
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f'{pred_file}: not a readable prediction file '
                         f'({err})') from None
    if head.startswith('['):
        return 'sequence'
    if head.startswith('{'):
        return 'detection'
    raise ValueError(f'{pred_file}: neither a recognition dump (.pkl), a '
                     'sequence prediction list nor a detection results '
                     'JSON')


def _recognition(cfg, pred_file, classes):
    scores, labels = load_recognition_dump(pred_file)
    names = _recognition_classes(cfg, classes, scores.shape[1])
    return dict(kind='recognition', classes=names, scores=scores,
                labels=labels, pred_labels=scores.argmax(axis=1))


def _recognition_classes(cfg, classes, num_classes) -> List[str]:
    if classes:
        names = load_class_list(classes)
    else:
        meta = dataset_of_test_split(cfg).get('metainfo') or {}
        names = list(meta.get('classes', ())) or [
            str(i) for i in range(num_classes)
        ]
    if len(names) != num_classes:
        raise ValueError(f'{len(names)} class names for scores of '
                         f'{num_classes} classes')
    return names


def _sequence(cfg, pred_file, ann, classes, stride):
    dataset = dataset_of_test_split(cfg)
    ann = ann or _in_root(dataset, dataset.get('ann_file'))
    classes = classes or _in_root(dataset, dataset.get('classes_file'))
    if not ann or not classes:
        raise ValueError('sequence predictions need the annotation JSON and '
                         "classes.txt: the config's test dataset names none "
                         '(give --ann and --classes)')
    stride = stride or dataset.get('stride', 1)
    data = load_sequence_files(ann, pred_file, classes, stride)
    data.update(kind='sequence', ann_file=ann,
                aligned=aligned_labels(data['preds'], data['gts']))
    return data


def _detection(cfg, pred_file, ann, subsets):
    dataset = dataset_of_test_split(cfg)
    ann = ann or _in_root(dataset, dataset.get('ann_file'))
    subsets = subsets or dataset.get('subsets', 'test')
    if not ann or not ann.endswith(('.json', '.json.gz')):
        raise ValueError('detection results need an ActivityNet-style '
                         "annotation JSON: the config's test dataset names "
                         'none (give --ann)')
    gt = load_detection_ground_truth(ann, subsets)
    predictions = load_activitynet_results(pred_file, gt['label_dict'],
                                           gt['database'], subsets)
    names = sorted(gt['label_dict'], key=gt['label_dict'].get)
    return dict(kind='detection', classes=names, ground_truth=gt,
                predictions=predictions, ann_file=ann)


def load_predictions(cfg,
                     pred_file: str,
                     ann: Optional[str] = None,
                     classes: Optional[str] = None,
                     stride: Optional[int] = None,
                     subsets: Optional[Sequence[str]] = None) -> dict:
    """Read ``pred_file`` with its ground truth.

    The annotation file, class list, frame stride (sequences) and subsets
    (detection) come from ``cfg``'s test dataset unless given.

    Returns:
        ``kind`` and ``classes`` (names), plus per kind:
        ``recognition``: ``scores`` (N, C), ``labels`` (N,),
        ``pred_labels`` (N,); ``sequence``: what
        :func:`~fga.evaluation.sequence_files.load_sequence_files` returns
        and ``aligned`` (:class:`AlignedLabels`); ``detection``:
        ``ground_truth`` and ``predictions`` (detection-mAP arrays).
    """
    kind = _file_kind(pred_file)
    if kind == 'recognition':
        return _recognition(cfg, pred_file, classes)
    if kind == 'sequence':
        return _sequence(cfg, pred_file, ann, classes, stride)
    return _detection(cfg, pred_file, ann, subsets)


def _plain(obj):
    """JSON-ready copy: NumPy scalars as Python numbers, NaN as None."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _plain(obj.tolist())
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    return obj


def dump_json(obj, path: str) -> None:
    """Write ``obj`` as JSON (NaN as null), atomically."""
    with atomic_write(path) as f:
        json.dump(_plain(obj), f, indent=1, allow_nan=False)
