from mmaction.registry import HOOKS
from mmengine.hooks import Hook

from fga.utils.random_state import derive_seed, seed_everything


@HOOKS.register_module()
class IterationSeedHook(Hook):
    """Seed the global generators from (seed, iteration) before every
    training iteration.

    The model's random draws (dropout, drop path, masking) then depend on
    where they happen, not on everything the process did before (building
    models, validation, dataloader start-up, a resume): a run resumed from
    any checkpoint continues exactly as the uninterrupted one. Data
    pipelines draw from (seed, epoch, index) instead (``ReproducibleSampler``).
    """

    priority = 'VERY_HIGH'

    def before_train_iter(self, runner, batch_idx, data_batch=None) -> None:
        seed_everything(derive_seed(runner.seed, runner.iter))
