"""fga: fine-grained video action analysis on MMEngine and MMAction2.

``import fga`` is all configs and tools need: fga's components register
into the ``mmaction`` registries the first time one of them looks a name up
(:mod:`fga.utils.lazy_registration`), and the stack fixes
(``fga.utils.compat``) are applied then, before MMAction2's models load.
Importing only what reads files (``fga.annotations``,
``fga.evaluation.functional``) loads neither torch nor mmengine.
"""
import importlib

from .utils.lazy_registration import register_on_first_use
from .version import __version__

register_on_first_use()

_SUBPACKAGES = ('annotations', 'apis', 'datasets', 'engine', 'evaluation',
                'models', 'utils', 'visualization')

__all__ = ['__version__']


def __getattr__(name: str):
    if name in _SUBPACKAGES:
        return importlib.import_module(f'.{name}', __name__)
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
