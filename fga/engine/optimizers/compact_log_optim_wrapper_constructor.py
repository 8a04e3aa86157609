"""MMEngine's default optimizer construction, logged in one line."""
import logging
from typing import Dict, List, Sequence

import torch.nn as nn
from mmaction.registry import OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.logging import MMLogger, print_log
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapper

__all__ = ['CompactLogOptimWrapperConstructor', 'summarize_param_groups']


class _DropParamwiseLines(logging.Filter):
    """MMEngine logs one ``paramwise_options -- name:key=value`` line per
    parameter and setting; keep every other record (e.g. the warnings for
    skipped parameters)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith('paramwise_options --')


def _format_number(value) -> str:
    return f'{value:g}' if isinstance(value, float) else str(value)


def summarize_param_groups(param_groups: Sequence[dict],
                           keys: Sequence[str] = ('lr', 'weight_decay')
                           ) -> str:
    """One line describing an optimizer's parameter groups, merged by their
    settings: ``"312 parameter tensors in 2 settings: decay (40 tensors,
    1.2M values, lr=0.0001, weight_decay=0.05), no-decay (272 tensors, ...)
    "``.

    Args:
        param_groups: ``optimizer.param_groups`` (every setting filled in).
        keys: the settings that tell groups apart.
    """
    settings: Dict[tuple, List[int]] = {}
    for group in param_groups:
        key = tuple(group.get(k) for k in keys)
        counts = settings.setdefault(key, [0, 0])
        counts[0] += len(group['params'])
        counts[1] += sum(p.numel() for p in group['params'])
    parts = []
    for key, (tensors, values) in sorted(
            settings.items(), key=lambda item: -item[1][1]):
        named = dict(zip(keys, key))
        kind = 'no-decay' if not named.get('weight_decay') else 'decay'
        detail = ', '.join(f'{k}={_format_number(v)}'
                           for k, v in named.items() if v is not None)
        parts.append(f'{kind} ({tensors} tensors, {values:,} values, '
                     f'{detail})')
    total = sum(counts[0] for counts in settings.values())
    return (f'{total} parameter tensors in {len(settings)} settings: ' +
            ', '.join(parts))


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class CompactLogOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """:class:`~mmengine.optim.DefaultOptimWrapperConstructor` (same
    arguments, same parameter groups, one per parameter) that logs the groups
    once, merged by learning rate and weight decay, instead of one
    ``paramwise_options`` line per parameter setting."""

    def __call__(self, model: nn.Module) -> OptimWrapper:
        logger = MMLogger.get_current_instance()
        quiet = _DropParamwiseLines()
        logger.addFilter(quiet)
        try:
            optim_wrapper = super().__call__(model)
        finally:
            logger.removeFilter(quiet)
        optimizer = optim_wrapper.optimizer
        print_log(f'{type(optimizer).__name__}: ' +
                  summarize_param_groups(optimizer.param_groups),
                  logger='current')
        return optim_wrapper
