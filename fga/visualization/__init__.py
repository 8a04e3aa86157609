from .fga_action_visualizer import FgaActionVisualizer
from .sequence_timeline import plot_sequence_timelines

__all__ = ['FgaActionVisualizer', 'plot_sequence_timelines']
