from .runtime import add_runtime_args, load_config, setup_runtime

__all__ = ['add_runtime_args', 'load_config', 'setup_runtime']
