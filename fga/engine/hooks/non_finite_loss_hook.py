import math
from typing import Dict, Optional

import torch
from mmaction.registry import HOOKS
from mmengine.dist import all_reduce, is_distributed
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper


class NonFiniteLossError(FloatingPointError):
    """A training loss became NaN or infinite."""


@HOOKS.register_module()
class NonFiniteLossHook(Hook):
    """Stop the run when a loss term is NaN or infinite, before the
    optimizer applies it, with a message naming the iteration and the
    terms (rather than logging ``loss: nan`` and saving a checkpoint of a
    diverged model).

    Args:
        action: ``'stop'`` (raise :class:`NonFiniteLossError`) or
            ``'skip'`` (drop the step's gradients and go on; the step is
            logged as a warning). All processes of a distributed run agree
            on the decision.
    """

    priority = 'VERY_HIGH'

    def __init__(self, action: str = 'stop') -> None:
        if action not in ('stop', 'skip'):
            raise ValueError(f"action must be 'stop' or 'skip', got "
                             f'{action!r}')
        self.action = action
        self._bad: Optional[Dict[str, float]] = None

    def before_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        parse_losses = model.parse_losses

        def checked_parse_losses(losses):
            loss, log_vars = parse_losses(losses)
            values = {
                name: float(value.detach() if torch.is_tensor(value) else
                            value)
                for name, value in log_vars.items()
            }
            bad = {k: v for k, v in values.items() if not math.isfinite(v)}
            flag = torch.tensor(float(bool(bad)), device=loss.device)
            if is_distributed():
                all_reduce(flag, op='max')
            self._bad = (bad or {'(another process)': math.nan}) \
                if flag.item() else None
            return loss, log_vars

        optim_wrapper = runner.optim_wrapper
        update_params = optim_wrapper.update_params

        def guarded_update_params(loss, *args, **kwargs):
            if self._bad is None:
                return update_params(loss, *args, **kwargs)
            bad, self._bad = self._bad, None
            terms = ', '.join(f'{k}={v}' for k, v in bad.items())
            message = (f'iteration {runner.iter + 1} (epoch '
                       f'{runner.epoch + 1}): non-finite loss ({terms})')
            if self.action == 'stop':
                raise NonFiniteLossError(
                    message + '; training stopped before the optimizer '
                    'step, the last checkpoint is untouched. Lower the '
                    'learning rate, check the inputs, or set '
                    "NonFiniteLossHook(action='skip')")
            optim_wrapper.zero_grad()
            runner.logger.warning(message + '; step skipped')

        model.parse_losses = checked_parse_losses
        optim_wrapper.update_params = guarded_update_params
