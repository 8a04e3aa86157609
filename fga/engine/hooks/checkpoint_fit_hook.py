from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper

from ..checkpoint_fit import (CheckpointMismatchError, checkpoint_fit,
                              describe_fit, require_exact_fit)


@HOOKS.register_module()
class CheckpointFitHook(Hook):
    """Check that a checkpoint loaded with ``load_from`` fits the model,
    before mmengine loads it (mmengine loads with ``strict=False``: a
    checkpoint of another model would leave a randomly initialised model
    and no error).

    Testing (``strict=True``, what ``tools/test.py`` sets) needs every
    entry with its name and shape. Training from ``load_from`` reports the
    share of the model's values that the checkpoint fills and names the
    skipped entries; below ``min_loaded_fraction`` it stops, unless the
    config lowers it (fine-tuning with a new head:
    ``default_hooks.checkpoint_fit.min_loaded_fraction=0``). Resuming is
    left to mmengine.

    Args:
        min_loaded_fraction: least share of the model's values that
            ``load_from`` must fill.
        strict: every entry must fit (testing).
    """

    def __init__(self, min_loaded_fraction: float = 0.5,
                 strict: bool = False) -> None:
        if not 0 <= min_loaded_fraction <= 1:
            raise ValueError('min_loaded_fraction must lie in [0, 1], got '
                             f'{min_loaded_fraction}')
        self.min_loaded_fraction = min_loaded_fraction
        self.strict = strict

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        if runner._resume:
            return
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        state = checkpoint.get('state_dict', checkpoint)
        source = runner._load_from
        if self.strict:
            require_exact_fit(model.state_dict(), state, source)
            return
        fit = checkpoint_fit(model.state_dict(), state)
        skipped = fit['missing'] or fit['mismatched'] or fit['unexpected']
        share = (f'load_from {source} fills {100 * fit["fraction"]:.1f}% '
                 f'of the model\'s {fit["total"]:,} values')
        if fit['fraction'] < self.min_loaded_fraction:
            raise CheckpointMismatchError(
                f'{share}, less than min_loaded_fraction '
                f'{self.min_loaded_fraction:g}: {describe_fit(fit)}. Is it '
                'the checkpoint of another model? To fine-tune from it '
                'anyway, set default_hooks.checkpoint_fit.'
                'min_loaded_fraction=0')
        print_log(f'{share}' + (f'; skipped: {describe_fit(fit)}'
                                if skipped else ''),
                  logger='current', level=30 if skipped else 20)
