"""Register MMAction2's and fga's modules and make ``mmaction`` the default
scope, for code that builds components without a Runner (scripts, tests)."""
from mmengine.registry import DefaultScope

__all__ = ['register_all_modules']


def register_all_modules(init_default_scope: bool = True) -> None:
    from mmaction.utils import register_all_modules as register_mmaction
    register_mmaction(init_default_scope=False)
    from .lazy_registration import import_components
    import_components()
    if init_default_scope and DefaultScope.get_current_instance() is None:
        DefaultScope.get_instance('fga', scope_name='mmaction')
