"""Helpers shared by every part of fga.

Names are imported from their modules on first use, so that reading files
(``fga.annotations``) does not pull in torch through this package.
"""
import importlib

_EXPORTS = {
    'apply_compat': 'compat',
    'atomic_write': 'atomic_files',
    'replace_directory': 'atomic_files',
    'temporary_sibling': 'atomic_files',
    'to_numpy': 'arrays',
    'CheckpointFileError': 'safe_loading',
    'UnsafeCheckpointError': 'safe_loading',
    'install_safe_loading': 'safe_loading',
    'load_checkpoint_file': 'safe_loading',
    'safe_torch_load': 'safe_loading',
    'save_checkpoint_atomic': 'safe_loading',
    'register_all_modules': 'setup_env',
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    return getattr(importlib.import_module(f'.{_EXPORTS[name]}', __name__),
                   name)


def __dir__():
    return __all__
