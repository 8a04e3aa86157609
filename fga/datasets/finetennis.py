from mmaction.registry import DATASETS

from .event_sequence_dataset import EventSequenceDataset


@DATASETS.register_module()
class FineTennisDataset(EventSequenceDataset):
    """FineTennis (56 shot classes `side_hand_type_direction_outcome`).
    Neighbouring shot directions count as correct by default
    (`tolerance='finetennis'`), as in the paper's reported numbers.

    Same arguments as :class:`EventSequenceDataset`.
    """

    def __init__(self, *args, tolerance='finetennis', **kwargs) -> None:
        super().__init__(*args, tolerance=tolerance, **kwargs)
