from typing import Iterator

from mmaction.registry import DATA_SAMPLERS
from mmengine.dataset import DefaultSampler

__all__ = ['SampleIndex', 'ReproducibleSampler']


class SampleIndex(int):
    """A dataset index that also carries the run's seed and the epoch, so a
    dataset can draw an item's random numbers from (seed, epoch, index)
    wherever it is prepared (main process or any worker). Behaves as the
    plain index everywhere else."""

    def __new__(cls, index: int, seed: int, epoch: int) -> 'SampleIndex':
        value = super().__new__(cls, index)
        value.seed = seed
        value.epoch = epoch
        return value

    def __reduce__(self):
        return (SampleIndex, (int(self), self.seed, self.epoch))


@DATA_SAMPLERS.register_module()
class ReproducibleSampler(DefaultSampler):
    """MMEngine's ``DefaultSampler`` (same order: a permutation seeded by
    seed + epoch) whose indices are :class:`SampleIndex`. fga's datasets
    then draw every random number of a training item from (seed, epoch,
    index): a resumed run sees exactly the items the uninterrupted one
    saw, and no two epochs repeat each other's draws, with any number of
    (persistent or not) workers."""

    def __iter__(self) -> Iterator[SampleIndex]:
        for index in super().__iter__():
            yield SampleIndex(index, self.seed, self.epoch)
