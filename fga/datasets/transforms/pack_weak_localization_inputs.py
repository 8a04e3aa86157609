from mmaction.registry import TRANSFORMS

from .pack_localization_features import PackLocalizationFeatures


@TRANSFORMS.register_module()
class PackWeakLocalizationInputs(PackLocalizationFeatures):
    """:class:`PackLocalizationFeatures` with HAAN's defaults: the
    video-level labels and class-balance weights as sample fields (what
    training sees), the index of the video and its clips per second as
    metainfo; ground-truth segments are used only by the metric."""

    def __init__(self,
                 meta_keys=('video_id', 'video_index', 'sec2clip'),
                 fields=('fine_labels', 'fine_weights', 'coarse_labels',
                         'coarse_weights')) -> None:
        super().__init__(meta_keys=meta_keys, fields=fields)
