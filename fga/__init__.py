"""fga: fine-grained video action analysis on MMEngine and MMAction2.

Importing the package applies the stack fixes (``fga.utils.compat``) before
anything from MMAction2 loads, then registers every fga component into the
``mmaction`` registries.
"""
from .utils.compat import apply_compat

apply_compat()

from . import (apis, datasets, engine, evaluation, models,  # noqa: E402,F401
               visualization)
from .version import __version__  # noqa: E402

__all__ = ['__version__']
