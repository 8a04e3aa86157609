from mmaction.registry import DATASETS

from .event_sequence_dataset import EventSequenceDataset


@DATASETS.register_module()
class BadmintonDBDataset(EventSequenceDataset):
    """BadmintonDB (20 classes `{bottom|top}_<shot>`, Anthony Ginting
    singles).

    Same arguments as :class:`EventSequenceDataset`.
    """

    def __init__(self, *args, tolerance=None, **kwargs) -> None:
        super().__init__(*args, tolerance=tolerance, **kwargs)
