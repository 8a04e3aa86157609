"""fga's components register into MMAction2's registries when those are
first used, not when ``fga`` is imported.

``import fga`` (all a config needs: ``custom_imports=dict(imports=['fga'])``)
only adds fga's component packages to the import locations of every
``mmaction.registry`` registry; MMEngine imports a registry's locations the
first time it looks a name up. If ``mmaction.registry`` is not loaded yet, a
one-shot import hook does that as soon as it is. Tools that only read files
(the evaluation CLIs, ``fga.evaluation.functional``) therefore never load
torch, ``mmengine.runner`` or scipy.
"""
import importlib
import importlib.abc
import importlib.util
import sys

__all__ = ['COMPONENT_PACKAGES', 'import_components', 'register_on_first_use']

# Every package whose import registers something (a test checks that no
# registering module lies outside them).
COMPONENT_PACKAGES = ('fga.datasets', 'fga.engine', 'fga.evaluation.metrics',
                      'fga.models', 'fga.visualization')
REGISTRY_MODULE = 'mmaction.registry'


def import_components() -> None:
    """Register every fga component now (tests, scripts)."""
    from .compat import apply_compat
    apply_compat()
    for name in COMPONENT_PACKAGES:
        importlib.import_module(name)


def _add_locations(registry_module) -> None:
    from mmengine.registry import Registry

    from .compat import apply_compat
    apply_compat()
    imported = False
    for registry in vars(registry_module).values():
        if not isinstance(registry, Registry):
            continue
        # MMEngine keeps the locations it imports on first lookup here.
        for name in COMPONENT_PACKAGES:
            if name not in registry._locations:
                registry._locations.append(name)
        imported |= registry._imported
    if imported:  # some registry already did its first lookup
        import_components()


class _RegistryLoader(importlib.abc.Loader):
    """Runs the module's own loader, then adds fga's locations."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        self.loader.exec_module(module)
        _add_locations(module)


class _RegistryFinder(importlib.abc.MetaPathFinder):

    def find_spec(self, name, path, target=None):
        if name != REGISTRY_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _RegistryLoader(spec.loader)
        return spec


def register_on_first_use() -> None:
    """What ``import fga`` does; idempotent."""
    if REGISTRY_MODULE in sys.modules:
        _add_locations(sys.modules[REGISTRY_MODULE])
    elif not any(isinstance(f, _RegistryFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _RegistryFinder())
