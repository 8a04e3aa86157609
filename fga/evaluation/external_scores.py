"""Video-level classification scores from a file, for labelling
class-agnostic detections (:func:`fga.evaluation.functional.
fuse_external_scores`).

The format is the one ActionFormer's ActivityNet release reads
(``cuhk_val_simp_share.json``, CUHK's 2017 classifier) and OpenTAD's
``CUHKANETClassifier``: ``{"results": {video: [C scores]}, "class":
[C names], ...}``; ``"class"`` may be missing (then score i is the class
with ``label_id`` i of the annotation file, as the release assumes) and a
bare ``{video: [C scores]}`` object is accepted. JSON only (optionally
``.json.gz``): a pickle could run code.
"""
from typing import Dict, List, Optional, Tuple

import numpy as np

from fga.annotations.checks import (check_list, check_number, check_object,
                                    check_text)
from fga.annotations.file_io import AnnotationError, load_json

__all__ = ['load_external_scores', 'video_class_scores']


def load_external_scores(
        path: str) -> Tuple[Dict[str, np.ndarray], Optional[List[str]]]:
    """Read and check an external score file.

    Returns:
        video id → (C,) float64 scores, and the C class names (None when
        the file has none).
    """
    try:
        content = load_json(path, 'external score file')
    except FileNotFoundError as err:
        raise FileNotFoundError(
            f'{err}: for ActivityNet it is the ActionFormer release\'s '
            'cuhk_val_simp_share.json (with its annotations); set '
            'external_scores=None to evaluate the proposals alone') from None
    content = check_object(content, path, 'the file')
    results = content.get('results', content)
    results = check_object(results, path, '"results"')
    names = content.get('class')
    if names is not None:
        names = [check_text(n, f'{path}: "class" {i}', 'a class name')
                 for i, n in enumerate(check_list(names, path, '"class"'))]
        if len(set(names)) != len(names):
            raise AnnotationError(f'{path}: "class" names a class twice')
    if not results:
        raise AnnotationError(f'{path}: no video has scores')
    out, width = {}, len(names) if names is not None else None
    for video, values in results.items():
        where = f'{path}: video {video}'
        values = check_list(values, where, 'its scores')
        row = np.array([check_number(v, where, f'score {i}')
                        for i, v in enumerate(values)])
        if width is None:
            width = len(row)
        if len(row) != width or not width:
            raise AnnotationError(
                f'{where}: {len(row)} scores, expected {width} (one per '
                'class' + (' of "class")' if names is not None else
                           ', as the first video)'))
        out[video] = row
    return out, names


def video_class_scores(scores: Dict[str, np.ndarray], video: str,
                       path: str) -> np.ndarray:
    """The scores of ``video``; ActivityNet ids may differ by the ``v_``
    of the feature files. A video without scores is an error: its
    detections would be lost."""
    for key in (video, f'v_{video}', video.removeprefix('v_')):
        if key in scores:
            return scores[key]
    raise AnnotationError(f'{path}: no scores for video {video}')
