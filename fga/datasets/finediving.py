from mmaction.registry import DATASETS

from .event_sequence_dataset import EventSequenceDataset


@DATASETS.register_module()
class FineDivingDataset(EventSequenceDataset):
    """FineDiving dive phases (29 classes of position, somersaults, twists
    and entry). Some videos list a frame-0 event before the synthetic
    frame-1 position event; they are sorted with a warning.

    Same arguments as :class:`EventSequenceDataset`.
    """

    def __init__(self, *args, tolerance=None, **kwargs) -> None:
        super().__init__(*args, tolerance=tolerance, **kwargs)
