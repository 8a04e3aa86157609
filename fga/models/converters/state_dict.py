"""Renaming foreign state dicts, the load → convert → save path that every
converter shares, and stripping training checkpoints for release."""
import hashlib
import io
import os.path as osp
import re
from collections import OrderedDict
from typing import Callable, Dict, Optional, Sequence, Tuple

import torch

from fga.utils.atomic_files import atomic_write
from fga.utils.safe_loading import load_checkpoint_file, save_checkpoint_atomic

__all__ = [
    'rename_state_dict', 'revise_keys', 'convert_checkpoint',
    'publish_checkpoint'
]


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


def revise_keys(state_dict: Dict[str, torch.Tensor],
                rules: Sequence[Tuple[str, str]]) -> 'OrderedDict':
    """Rename the keys that fit a rule, keep the others.

    Each key takes the first ``(pattern, replacement)`` of ``rules`` whose
    regular expression it contains (``re.sub``, once); unlike
    :func:`rename_state_dict` a key no rule fits is kept as it is, so a
    checkpoint that already has fga's names passes unchanged.
    """
    compiled = [(re.compile(pattern), repl) for pattern, repl in rules]
    out = OrderedDict()
    for key, value in state_dict.items():
        for pattern, repl in compiled:
            if pattern.search(key):
                key = pattern.sub(repl, key, count=1)
                break
        out[key] = value
    return out


def convert_checkpoint(src: str,
                       dst: str,
                       convert: Callable[[dict], Tuple[Dict, dict]],
                       trust_checkpoint: bool = False) -> Tuple[Dict, dict]:
    """Load ``src`` safely, convert it and write an fga checkpoint.

    Args:
        src: the foreign checkpoint.
        dst: the fga checkpoint to write (atomically), as
            ``{'state_dict', 'meta'}``.
        convert: the loaded checkpoint → (fga state dict, meta entries).
        trust_checkpoint: load with ``weights_only=False`` (runs any code
            in the pickle; only for files the user trusts).

    Returns:
        The converted state dict and its meta.
    """
    checkpoint = load_checkpoint_file(src, trust_checkpoint)
    state_dict, meta = convert(checkpoint)
    meta = dict(converted_from=osp.basename(src), **meta)
    save_checkpoint_atomic(dict(state_dict=state_dict, meta=meta), dst)
    return state_dict, meta


def publish_checkpoint(in_file: str,
                       out_file: str,
                       trust_checkpoint: bool = False) -> str:
    """Strip a training checkpoint for release: keep ``meta`` and
    ``state_dict``, drop ``message_hub``, ``optimizer`` and
    ``param_schedulers`` (so it loads under torch's safe default), and
    append the first 8 hex digits of its SHA-256 to the file name.

    Returns:
        The path written (atomically).
    """
    checkpoint = load_checkpoint_file(in_file, trust_checkpoint)
    kept = {
        k: checkpoint[k]
        for k in ('meta', 'state_dict') if k in checkpoint
    }
    if 'state_dict' not in kept:
        raise ValueError(f'{in_file} has no "state_dict"')
    buffer = io.BytesIO()
    torch.save(kept, buffer)
    data = buffer.getvalue()
    stem = out_file[:-4] if out_file.endswith('.pth') else out_file
    final = f'{stem}-{hashlib.sha256(data).hexdigest()[:8]}.pth'
    with atomic_write(final, binary=True) as f:
        f.write(data)
    return final
