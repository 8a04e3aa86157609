from mmaction.registry import DATASETS

from .event_sequence_dataset import EventSequenceDataset


@DATASETS.register_module()
class FineGymDataset(EventSequenceDataset):
    """FineGym element starts (18 classes `*_start`, `VT_*`); repeated
    consecutive labels are common.

    Same arguments as :class:`EventSequenceDataset`.
    """

    def __init__(self, *args, tolerance=None, **kwargs) -> None:
        super().__init__(*args, tolerance=tolerance, **kwargs)
