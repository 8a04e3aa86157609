"""Reading checkpoints safely and writing them atomically, for the tools
that convert, publish or consume checkpoints."""
import os
import os.path as osp
import warnings

import torch

from .compat import safe_torch_load

__all__ = ['load_checkpoint_file', 'save_checkpoint_atomic']


def load_checkpoint_file(path: str, trust_checkpoint: bool = False,
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
