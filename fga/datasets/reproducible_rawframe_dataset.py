from mmaction.datasets import RawframeDataset
from mmaction.registry import DATASETS

from .reproducible_items import ReproducibleItems


@DATASETS.register_module()
class ReproducibleRawframeDataset(ReproducibleItems, RawframeDataset):
    """MMAction2's ``RawframeDataset`` (same arguments and list format)
    whose training items, requested through ``ReproducibleSampler``, draw
    their random numbers (frame offsets, crops, flips) from (seed, epoch,
    index), so resumed runs are exact."""
