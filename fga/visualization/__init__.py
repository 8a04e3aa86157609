"""Pictures of predictions (PNG, written atomically) and MMAction2's
visualizer with fga's fix."""
from .detection_timeline import match_detections, plot_detection_timelines
from .f3ed_timeline import plot_f3ed_timelines
from .fga_action_visualizer import FgaActionVisualizer
from .recognition_frames import input_frames, plot_recognition_samples
from .sequence_timeline import (SequenceVideo, plot_sequence_timelines,
                                select_videos)

__all__ = [
    'FgaActionVisualizer', 'SequenceVideo', 'input_frames', 'match_detections',
    'plot_detection_timelines', 'plot_f3ed_timelines',
    'plot_recognition_samples',
    'plot_sequence_timelines', 'select_videos'
]
