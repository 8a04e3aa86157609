"""Checks of a config before mmengine builds anything, so that common
mistakes end in one line naming the key (an unknown ``type``, a misspelt
argument, ``batch_size=0``, ``persistent_workers`` without workers, an
incomplete validation or test setup, a work dir that cannot be written)
instead of a traceback from inside mmengine or torch; and the translation
of the errors fga raises for bad files into such lines."""
import difflib
import errno
import inspect
import os
import os.path as osp
import re
import shutil
import tempfile
from typing import Iterator, List, Optional, Tuple

__all__ = [
    'ConfigError', 'check_config', 'check_types', 'check_arguments',
    'check_dataloaders', 'check_loops', 'check_work_dir', 'user_error'
]

# Free space a work dir needs for logs and a first checkpoint.
MIN_FREE_BYTES = 64 << 20


class ConfigError(ValueError):
    """A config value that cannot work; the message names its key."""


def _registries():
    import mmaction.registry as registry
    from mmengine.registry import Registry
    return {
        name: value
        for name, value in vars(registry).items()
        if isinstance(value, Registry) and not name.startswith('MMENGINE_')
    }


# The config paths whose ``type`` mmengine or MMAction2 look up in a
# registry, and that registry. Deeper nodes (``norm_cfg``, a head's
# ``consensus``, imgaug transforms, ...) follow their parent's own
# conventions and are left alone.
_LOOKUPS = [(re.compile(pattern + '$'), registry) for pattern, registry in (
    (r'model(\.[^.]+)?', 'MODELS'),
    (r'(train|val|test)_dataloader(\.dataset|\.datasets\.\d+)+',
     'DATASETS'),
    (r'(train|val|test)_dataloader\.(sampler|batch_sampler)',
     'DATA_SAMPLERS'),
    (r'.*dataloader.*\.pipeline\.\d+', 'TRANSFORMS'),
    (r'(val|test)_evaluator(\.\d+|\.metrics\.\d+)?', 'METRICS'),
    (r'(default_hooks\.[^.]+|custom_hooks\.\d+)', 'HOOKS'),
    (r'optim_wrapper', 'OPTIM_WRAPPERS'),
    (r'optim_wrapper\.optimizer', 'OPTIMIZERS'),
    (r'param_scheduler(\.\d+)?', 'PARAM_SCHEDULERS'),
    (r'visualizer', 'VISUALIZERS'),
    (r'(visualizer\.)?vis_backends\.\d+', 'VISBACKENDS'),
    (r'log_processor', 'LOG_PROCESSORS'),
    (r'(train|val|test)_cfg', 'LOOPS'),
)]


def _typed(cfg) -> Iterator[Tuple[str, dict, str]]:
    """Every looked-up dict with a string ``type``: (key path, dict,
    registry name)."""

    def walk(value, path):
        if isinstance(value, dict):
            if isinstance(value.get('type'), str):
                for pattern, registry in _LOOKUPS:
                    if pattern.match(path):
                        yield path, value, registry
                        break
            for key, child in value.items():
                yield from walk(child, f'{path}.{key}' if path else str(key))
        elif isinstance(value, (list, tuple)):
            for i, child in enumerate(value):
                yield from walk(child, f'{path}.{i}')

    yield from walk(dict(cfg), '')


def _resolve(name: str, registries: dict, expected: str):
    order = [expected]
    order += [r for r in registries if r not in order]
    for registry in order:
        try:
            found = registries[registry].get(name)
        except ImportError:
            # MMAction2's FUNCTION registry points at a missing module.
            continue
        if found is not None:
            return found
    return None


def _names(registry) -> List[str]:
    try:
        registry.import_from_location()
    except ImportError:
        pass
    names, current = set(), registry
    while current is not None:
        names.update(current.module_dict)
        current = current.parent
    return sorted(names)


def check_types(cfg) -> None:
    """Every ``type`` names a registered component (scoped names such as
    ``mmdet.X`` are left to mmengine)."""
    registries = _registries()
    for path, node, expected in _typed(cfg):
        name = node['type']
        if '.' in name or _resolve(name, registries, expected) is not None:
            continue
        pool = _names(registries[expected])
        close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
        hint = f'; did you mean {" or ".join(map(repr, close))}?' \
            if close else ''
        raise ConfigError(f'{path}.type: {name!r} is not registered (in '
                          f'{expected}){hint}')


def _accepted(target) -> Optional[set]:
    """Keyword arguments ``target`` (a class or function) accepts, or
    ``None`` when it takes any (``**kwargs`` all the way up)."""
    if not inspect.isclass(target):
        try:
            params = inspect.signature(target).parameters
        except (TypeError, ValueError):
            return None
        if any(p.kind == p.VAR_KEYWORD for p in params.values()):
            return None
        return set(params)
    accepted = set()
    for cls in target.__mro__:
        if '__init__' not in vars(cls) or cls is object:
            continue
        try:
            params = inspect.signature(vars(cls)['__init__']).parameters
        except (TypeError, ValueError):
            return None
        accepted.update(p.name for p in params.values()
                        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL))
        if not any(p.kind == p.VAR_KEYWORD for p in params.values()):
            return accepted
    return None


# Keys that mmengine's builders take themselves.
_BUILD_KEYS = ('type', '_scope_', 'convert_to_iter_based')


def _unknown_argument(path: str, node: dict, target,
                      given: Optional[List[str]] = None) -> None:
    accepted = _accepted(target)
    if accepted is None:
        return
    for key in given if given is not None else node:
        if key in _BUILD_KEYS or key in accepted:
            continue
        close = difflib.get_close_matches(key, sorted(accepted), n=1)
        hint = f'; did you mean {close[0]!r}?' if close else ''
        raise ConfigError(f'{path}.{key}: {target.__name__} has no argument '
                          f'{key!r}{hint}')


def check_arguments(cfg) -> None:
    """Every argument given to a dataset, transform, hook, metric, sampler
    or model component is one its class accepts (when its signature says
    so)."""
    registries = _registries()
    for path, node, expected in _typed(cfg):
        name = node['type']
        if '.' in name or expected == 'LOOPS':
            continue
        target = _resolve(name, registries, expected)
        if target is not None:
            _unknown_argument(path, node, target)


def check_loops(cfg) -> None:
    """``train_cfg`` / ``val_cfg`` / ``test_cfg`` name only arguments of
    their loop (a misspelt ``max_epochs`` would be a TypeError inside
    mmengine)."""
    from mmengine.runner import (EpochBasedTrainLoop, IterBasedTrainLoop,
                                 TestLoop, ValLoop)
    registries = _registries()
    for key, default in (('train_cfg', None), ('val_cfg', ValLoop),
                         ('test_cfg', TestLoop)):
        loop = cfg.get(key)
        if not isinstance(loop, dict):
            continue
        if 'type' in loop:
            target = _resolve(loop['type'], registries, 'LOOPS') \
                if isinstance(loop['type'], str) else loop['type']
        elif default is not None:
            target = default
        elif 'by_epoch' not in loop:
            raise ConfigError(
                f'{key}: give by_epoch=True (max_epochs) or by_epoch=False '
                '(max_iters), or a loop type')
        else:
            target = EpochBasedTrainLoop if loop['by_epoch'] else \
                IterBasedTrainLoop
        if target is None:
            continue
        given = [k for k in loop if k not in ('type', 'by_epoch')]
        _unknown_argument(key, loop, target, given)


def _dataloader_keys(cfg) -> Iterator[Tuple[str, dict]]:
    for split in ('train', 'val', 'test'):
        loader = cfg.get(f'{split}_dataloader')
        if isinstance(loader, dict):
            yield f'{split}_dataloader', loader


def check_dataloaders(cfg) -> None:
    """``batch_size`` >= 1, ``num_workers`` >= 0, ``persistent_workers``
    only with workers, and each of validation and testing configured
    completely (dataloader, loop and evaluator) or not at all."""
    for key, loader in _dataloader_keys(cfg):
        size = loader.get('batch_size', 1)
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ConfigError(f'{key}.batch_size is {size!r}; it must be a '
                              'positive integer')
        workers = loader.get('num_workers', 0)
        if isinstance(workers, bool) or not isinstance(workers,
                                                       int) or workers < 0:
            raise ConfigError(f'{key}.num_workers is {workers!r}; it must be '
                              'an integer >= 0')
        if loader.get('persistent_workers') and workers == 0:
            raise ConfigError(
                f'{key}.persistent_workers=True needs worker processes, but '
                f'{key}.num_workers is 0; set persistent_workers=False')
        if not isinstance(loader.get('dataset'), dict):
            raise ConfigError(f'{key}.dataset is missing')
    for split in ('val', 'test'):
        keys = (f'{split}_dataloader', f'{split}_cfg', f'{split}_evaluator')
        given = [k for k in keys if cfg.get(k) is not None]
        if given and len(given) < 3:
            absent = [k for k in keys if k not in given]
            raise ConfigError(
                f'{", ".join(given)} given but {", ".join(absent)} not: '
                f'{split} needs all three (or none)')


def check_work_dir(work_dir: str) -> None:
    """The work dir can be created and written, and its disk has room for
    logs and a checkpoint."""
    try:
        os.makedirs(work_dir, exist_ok=True)
        with tempfile.TemporaryFile(dir=work_dir) as probe:
            probe.write(b'\0')
            probe.flush()
    except OSError as err:
        raise ConfigError(f'work dir {osp.abspath(work_dir)}: cannot write '
                          f'there ({err.strerror or err}); pass another '
                          '--work-dir') from None
    free = shutil.disk_usage(work_dir).free
    if free < MIN_FREE_BYTES:
        raise ConfigError(f'work dir {osp.abspath(work_dir)}: only '
                          f'{free / 2**20:.1f} MiB free on its disk; logs '
                          'and checkpoints need room (pass another '
                          '--work-dir or free space)')


def check_config(cfg) -> None:
    """All of the above, in the order mmengine would trip over them."""
    check_types(cfg)
    check_loops(cfg)
    check_arguments(cfg)
    check_dataloaders(cfg)
    check_work_dir(cfg.work_dir)


_WRITE_ERRORS = (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT,
                 errno.EPERM)


def user_error(err: BaseException) -> Optional[str]:
    """The one-line message for an error caused by the user's files or
    config, or ``None`` for anything else (a bug: keep its traceback).

    Errors from dataloader workers arrive with the worker's traceback in
    the message; only its last line is kept.
    """
    from fga.annotations import AnnotationError
    from fga.utils.safe_loading import (CheckpointFileError,
                                        UnsafeCheckpointError)
    from .checkpoint_fit import CheckpointMismatchError
    from .hooks.class_agreement_hook import ClassMismatchError
    ours = (AnnotationError, UnsafeCheckpointError, CheckpointFileError,
            CheckpointMismatchError, ClassMismatchError, ConfigError,
            FileNotFoundError)
    if isinstance(err, OSError) and err.errno in _WRITE_ERRORS:
        where = f' {err.filename}' if err.filename else ''
        return f'cannot write{where}: {err.strerror}'
    if not isinstance(err, ours) and not (isinstance(err, OSError)
                                          and err.errno is None):
        return None
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    if not lines:
        return type(err).__name__
    if not any('Traceback (most recent call last)' in line
               for line in lines):
        return ' '.join(lines)
    prefix = f'{type(err).__name__}: '
    message = lines[-1]
    return message[len(prefix):] if message.startswith(prefix) else message
