from typing import Sequence, Tuple

from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.logging import print_log

from fga.models.converters.state_dict import revise_keys

__all__ = ['ReviseCheckpointKeysHook']


@HOOKS.register_module()
class ReviseCheckpointKeysHook(Hook):
    """Rename the keys of the ``load_from`` checkpoint before it is loaded,
    so a public checkpoint of a related model (e.g. MMAction2's TSM-R50,
    whose ``layer1`` convolutions sit under a shift wrapper the full-video
    model lacks there) fills the model without a converted copy on disk.

    It runs before :class:`CheckpointFitHook` (higher priority), which then
    checks the renamed checkpoint. Resuming is left alone: a resume
    checkpoint is fga's own.

    Args:
        revise_keys: ``(pattern, replacement)`` regular expressions; each
            key takes the first it contains, keys no rule fits stay.
    """

    priority = 'VERY_HIGH'

    def __init__(self, revise_keys: Sequence[Tuple[str, str]]) -> None:
        if not revise_keys:
            raise ValueError('revise_keys is empty: nothing to rename')
        self.revise_keys = [tuple(rule) for rule in revise_keys]
        for rule in self.revise_keys:
            if len(rule) != 2 or not all(isinstance(s, str) for s in rule):
                raise ValueError('revise_keys holds (pattern, replacement) '
                                 f'string pairs, got {rule!r}')

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        if runner._resume:
            return
        key = 'state_dict' if 'state_dict' in checkpoint else None
        state = checkpoint[key] if key else checkpoint
        revised = revise_keys(state, self.revise_keys)
        renamed = sum(a != b for a, b in zip(state, revised))
        if key:
            checkpoint[key] = revised
        else:
            checkpoint.clear()
            checkpoint.update(revised)
        print_log(f'ReviseCheckpointKeysHook renamed {renamed} keys of '
                  f'{runner._load_from}', logger='current')
