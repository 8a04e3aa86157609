"""Training and testing machinery: hooks, and what every entry point does
to its command line and config before building the runner."""
from .checkpoint_fit import CheckpointMismatchError, checkpoint_fit
from .config_checks import ConfigError, check_config
from .hooks import *  # noqa: F401,F403
from .optimizers import *  # noqa: F401,F403
from .runtime import (add_runtime_args, configure_test, configure_train,
                      load_config, run, setup_runtime)

__all__ = [
    'add_runtime_args', 'check_config', 'checkpoint_fit',
    'CheckpointMismatchError', 'ConfigError', 'configure_test',
    'configure_train', 'load_config', 'run', 'setup_runtime'
]
