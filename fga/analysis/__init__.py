"""Analysis behind tools/analysis_tools: model complexity, training logs,
parameter schedules, confusion matrices and per-class breakdowns."""
from .complexity import default_input_shape, model_complexity
from .confusion import plot_confusion, prediction_confusion, select_classes
from .per_class import format_results, per_class_results, plot_results
from .prediction_sources import (dataset_of_test_split, dump_json,
                                 load_predictions)
from .schedules import iterations_per_epoch, plot_schedule, simulate_schedule
from .training_logs import (find_scalar_log, load_scalar_log, plot_curves,
                            training_time)

__all__ = [
    'default_input_shape', 'model_complexity', 'plot_confusion',
    'prediction_confusion', 'select_classes', 'format_results',
    'per_class_results', 'plot_results', 'dump_json', 'load_predictions',
    'dataset_of_test_split', 'iterations_per_epoch', 'plot_schedule',
    'simulate_schedule', 'find_scalar_log', 'load_scalar_log', 'plot_curves',
    'training_time'
]
