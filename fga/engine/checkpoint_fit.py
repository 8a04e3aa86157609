"""How well a checkpoint's weights fit a model: which of the model's
entries it fills with the same name and shape, which it lacks, and which
it has in another shape or that the model does not have."""
import math
from typing import Dict, List, Mapping, Sequence, Tuple

__all__ = [
    'CheckpointMismatchError', 'checkpoint_fit', 'describe_fit',
    'require_exact_fit'
]

Shape = Tuple[int, ...]


class CheckpointMismatchError(ValueError):
    """A checkpoint does not fit the model it is loaded into."""


def _shapes(state: Mapping) -> Dict[str, Shape]:
    """Entry name → shape; ``module.`` prefixes (DDP checkpoints) are
    removed as mmengine's loader removes them, and BatchNorm's
    ``num_batches_tracked`` counters ignored as it ignores them."""
    out = {}
    for key, value in state.items():
        if key.endswith('num_batches_tracked'):
            continue
        if key.startswith('module.'):
            key = key[len('module.'):]
        out[key] = tuple(getattr(value, 'shape', ()))
    return out


def checkpoint_fit(model_state: Mapping, checkpoint_state: Mapping) -> dict:
    """Compare a model's ``state_dict()`` with a checkpoint's.

    Returns:
        ``fraction``: share of the model's values (tensor elements) that
        the checkpoint fills with an entry of the same name and shape;
        ``total``: the model's values; ``missing`` (model keys absent from
        the checkpoint), ``mismatched`` ([(key, model shape, checkpoint
        shape)]) and ``unexpected`` (checkpoint keys the model lacks).
    """
    model, ckpt = _shapes(model_state), _shapes(checkpoint_state)
    sizes = {k: math.prod(shape) for k, shape in model.items()}
    total = sum(sizes.values())
    loaded = sum(sizes[k] for k, shape in model.items()
                 if ckpt.get(k) == shape)
    return dict(
        fraction=loaded / total if total else 1.0,
        total=total,
        missing=[k for k in model if k not in ckpt],
        mismatched=[(k, model[k], ckpt[k]) for k in model
                    if k in ckpt and ckpt[k] != model[k]],
        unexpected=[k for k in ckpt if k not in model])


def _keys(keys: Sequence[str], count: int = 8) -> str:
    more = f' and {len(keys) - count} more' if len(keys) > count else ''
    return ', '.join(keys[:count]) + more


def describe_fit(fit: dict) -> str:
    """The skipped entries of :func:`checkpoint_fit`, for a message."""
    parts: List[str] = []
    if fit['mismatched']:
        parts.append('shape differs for ' + _keys([
            f'{k} (model {tuple(m)}, checkpoint {tuple(c)})'
            for k, m, c in fit['mismatched']
        ], 4))
    if fit['missing']:
        parts.append(f'missing from the checkpoint: {_keys(fit["missing"])}')
    if fit['unexpected']:
        parts.append('not in the model: ' + _keys(fit['unexpected']))
    return '; '.join(parts) or 'every entry fits'


def require_exact_fit(model_state: Mapping, checkpoint_state: Mapping,
                      source: str) -> None:
    """Raise :class:`CheckpointMismatchError` naming ``source`` unless the
    checkpoint has every entry of the model, in its shape, and no other
    (what testing and inference need)."""
    fit = checkpoint_fit(model_state, checkpoint_state)
    if fit['missing'] or fit['mismatched'] or fit['unexpected']:
        raise CheckpointMismatchError(
            f'checkpoint {source} does not fit the model of this config '
            f'({100 * fit["fraction"]:.1f}% of its values would load): '
            f'{describe_fit(fit)}. Testing and inference need every '
            'weight; is it the checkpoint of another config?')
