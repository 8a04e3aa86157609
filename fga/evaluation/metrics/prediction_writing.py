"""What metrics that also write a prediction file share."""
from typing import Mapping

from mmengine.logging import MMLogger

__all__ = ['log_metrics_before_writing']


def log_metrics_before_writing(metrics: Mapping[str, float], prefix: str,
                               path: str) -> None:
    """Log the metrics before the prediction file is written, so that a
    failing write (a full disk) does not lose the figures of a whole
    test run."""
    figures = '  '.join(f'{prefix}/{k}: {v:.4f}' if isinstance(v, float)
                        else f'{prefix}/{k}: {v}' for k, v in metrics.items())
    MMLogger.get_current_instance().info(
        f'{figures}  (writing predictions to {path})')
