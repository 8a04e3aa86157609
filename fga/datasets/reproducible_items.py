"""Training items whose random numbers depend on (seed, epoch, index)."""
from fga.utils.random_state import derive_seed, seeded_random_state

__all__ = ['ReproducibleItems']


class ReproducibleItems:
    """Dataset mixin: an item requested with a
    :class:`~fga.datasets.samplers.SampleIndex` (from
    ``ReproducibleSampler``) is prepared with the global generators seeded
    by (seed, epoch, index) — every draw of the dataset and of its
    pipeline, MMAction2's transforms included — and the caller's random
    state is left as it was. Plain indices behave as before."""

    def __getitem__(self, idx):
        epoch = getattr(idx, 'epoch', None)
        if epoch is None:
            return super().__getitem__(idx)
        with seeded_random_state(derive_seed(idx.seed, epoch, int(idx))):
            return super().__getitem__(int(idx))
