from .compat import UnsafeCheckpointError, apply_compat, safe_torch_load
from .setup_env import register_all_modules

__all__ = [
    'UnsafeCheckpointError', 'apply_compat', 'register_all_modules',
    'safe_torch_load'
]
