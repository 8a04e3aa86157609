"""MMAction2's visualizer with the keyword its own hook passes."""
from mmaction.registry import VISUALIZERS
from mmaction.visualization import ActionVisualizer


@VISUALIZERS.register_module()
class FgaActionVisualizer(ActionVisualizer):
    """``ActionVisualizer`` accepting ``show``: MMAction2's
    ``VisualizationHook`` passes ``show=`` while ``add_datasample`` expects
    ``show_frames=``, so ``tools/test.py --show-dir`` crashes upstream
    (open-mmlab/mmaction2#2738)."""

    def add_datasample(self, name, video, data_sample=None, *args,
                       show: bool = False, **kwargs):
        kwargs.setdefault('show_frames', show)
        return super().add_datasample(name, video, data_sample, *args,
                                      **kwargs)
