"""Reading checkpoints safely and writing them atomically, for the tools
that convert, publish or consume checkpoints."""
import os
import os.path as osp
import re
import warnings
from collections import OrderedDict
from typing import Dict, Optional, Sequence, Tuple

import torch

from .compat import safe_torch_load

__all__ = [
    'load_checkpoint_file', 'rename_state_dict', 'save_checkpoint_atomic'
]


def load_checkpoint_file(path: str,
                         trust_checkpoint: bool = False,
                         map_location='cpu'):
    """Load a checkpoint with ``weights_only=True`` (fga's allow-list),
    or, only when the caller says it trusts the file, with
    ``weights_only=False`` and a warning (that runs any code in the
    pickle)."""
    if not trust_checkpoint:
        return safe_torch_load(path, map_location=map_location)
    warnings.warn(f'loading {path} with weights_only=False: only do this '
                  'for files you produced yourself or trust')
    return torch.load(path, map_location=map_location, weights_only=False)


def save_checkpoint_atomic(obj, path: str) -> None:
    """``torch.save`` to a temporary file renamed to ``path`` when
    complete, so an interrupted write never leaves a truncated file."""
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    tmp = f'{path}.tmp'
    torch.save(obj, tmp)
    os.replace(tmp, path)


def rename_state_dict(state_dict: Dict[str, torch.Tensor],
                      key_map: Sequence[Tuple[str, str]],
                      dropped: Optional[str] = None,
                      regex: bool = False) -> 'OrderedDict':
    """Rename a foreign state dict for a converter.

    DataParallel's ``module.`` is stripped, keys matching the regular
    expression ``dropped`` are skipped, and each remaining key takes the
    first ``(old prefix, new prefix)`` of ``key_map`` that fits; with
    ``regex``, the first ``(pattern, template)`` whose pattern matches the
    whole key (the template may use ``\\1`` groups). A key without a
    counterpart is an error: silently dropping it would leave part of the
    model random.
    """
    skip = re.compile(dropped) if dropped else None
    out, unknown = OrderedDict(), []
    for key, value in state_dict.items():
        key = key[len('module.'):] if key.startswith('module.') else key
        if skip is not None and skip.search(key):
            continue
        for old, new in key_map:
            if regex:
                match = re.fullmatch(old, key)
                if match:
                    out[match.expand(new)] = value
                    break
            elif key.startswith(old):
                out[new + key[len(old):]] = value
                break
        else:
            unknown.append(key)
    if unknown:
        raise KeyError(f'keys with no fga counterpart: {unknown[:10]}'
                       f'{" ..." if len(unknown) > 10 else ""}')
    return out
