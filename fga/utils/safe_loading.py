"""The checkpoint-safety policy: what fga agrees to unpickle.

Every checkpoint fga reads goes through torch's ``weights_only=True``
unpickler, which rebuilds tensors and plain containers and refuses every
other callable. MMEngine's resume state additionally pickles a
``HistoryBuffer`` and NumPy arrays; exactly those globals are allowed, with
a restricted stand-in for ``getattr``. Safe loading is never switched off
globally: only an explicit ``trust_checkpoint=True`` (the tools'
``--trust-checkpoint``) loads a file with ``weights_only=False``.
"""
import os
import os.path as osp
import pickle
import pickletools
import struct
import warnings
import zipfile
from typing import List, Optional, Tuple

import numpy as np
import torch

from .atomic_files import atomic_write

__all__ = [
    'UnsafeCheckpointError', 'CheckpointFileError', 'install_safe_loading',
    'safe_torch_load', 'load_checkpoint_file', 'save_checkpoint_atomic',
    'inspect_checkpoint_file', 'dangerous_callables'
]

_HISTORY_STATISTICS = ('min', 'max', 'current', 'mean')
_INSTALLED = False
# Names that torch's weights_only unpickler (with the resume globals allowed
# below) rebuilds; a refusal message lists the others a file names.
_ALLOWED_PREFIXES = ('torch.', 'numpy.', 'collections.OrderedDict',
                     'mmengine.logging.history_buffer.HistoryBuffer',
                     'builtins.getattr', '__builtin__.getattr')


class UnsafeCheckpointError(pickle.UnpicklingError):
    """A checkpoint holds objects that safe (``weights_only``) loading
    refuses."""


class CheckpointFileError(ValueError):
    """A file given as a checkpoint is not one: empty, truncated, or of
    another kind."""


# Modules whose callables run commands, load code or touch files, and the
# builtins that do; a pickle naming one is an attack, never a checkpoint.
# (``builtins.getattr`` is not among them: mmengine's HistoryBuffer pickles
# it, and safe loading answers it with a restricted stand-in.)
_DANGEROUS_MODULES = frozenset((
    'os', 'posix', 'nt', 'subprocess', 'sys', 'shutil', 'socket', 'pty',
    'runpy', 'importlib', 'ctypes', 'multiprocessing', 'webbrowser', 'code',
    'codeop', 'pickle', '_pickle', 'marshal', 'io', '_io', 'pathlib',
    'tempfile', 'signal', 'operator', 'functools', 'types', 'codecs',
    'commands', 'popen2', 'platform', 'asyncio', 'urllib', 'http'))
_DANGEROUS_BUILTINS = frozenset((
    'eval', 'exec', 'compile', 'open', '__import__', 'setattr', 'delattr',
    'globals', 'locals', 'vars', 'input', 'breakpoint', 'exit', 'quit',
    'help', 'memoryview'))
# Legacy checkpoints are scanned this far (their pickles come first).
_SCAN_BYTES = 64 << 20
_STRING_OPS = frozenset((
    'SHORT_BINUNICODE', 'BINUNICODE', 'BINUNICODE8', 'UNICODE',
    'SHORT_BINSTRING', 'BINSTRING', 'STRING'))


def dangerous_callables(names: List[str]) -> List[str]:
    """The ``module.name`` callables of ``names`` that can run commands,
    load code or touch files."""
    out = []
    for qualname in names:
        module, _, name = qualname.rpartition('.')
        if module.split('.')[0] in _DANGEROUS_MODULES or (
                module in ('builtins', '__builtin__')
                and name in _DANGEROUS_BUILTINS):
            out.append(qualname)
    return out


def _pickle_globals(data: bytes) -> Tuple[List[str], bool]:
    """The ``module.name`` callables that the pickles at the start of
    ``data`` name, without running any (legacy torch files hold five
    pickles, then raw tensor bytes); and whether ``data`` ended inside a
    pickle (truncated)."""
    names, position = [], 0
    while position < len(data) and data[position] == 0x80:
        strings, memo, last = [], {}, None
        try:
            for op, arg, pos in pickletools.genops(data[position:]):
                if op.name in _STRING_OPS:
                    last = arg
                    strings.append(arg)
                elif op.name == 'MEMOIZE':
                    memo[len(memo)] = last
                elif op.name in ('PUT', 'BINPUT', 'LONG_BINPUT'):
                    memo[int(arg)] = last
                elif op.name in ('GET', 'BINGET', 'LONG_BINGET'):
                    last = memo.get(int(arg))
                    if isinstance(last, str):
                        strings.append(last)
                elif op.name in ('GLOBAL', 'INST'):
                    names.append(arg.replace(' ', '.'))
                elif op.name == 'STACK_GLOBAL' and len(strings) >= 2:
                    names.append(f'{strings[-2]}.{strings[-1]}')
                else:
                    last = None
                if op.name == 'STOP':
                    position += pos + 1
                    break
        except (ValueError, struct.error):
            return list(dict.fromkeys(names)), True
    return list(dict.fromkeys(names)), False


def inspect_checkpoint_file(path: str) -> Tuple[Optional[str], List[str]]:
    """What kind of file ``path`` is, without unpickling it.

    Returns:
        (why it is not a checkpoint, or ``None`` when it is a complete
        zip-format or legacy torch file; the callables its pickle names).
    """
    size = osp.getsize(path)
    if size == 0:
        return 'is empty (0 bytes)', []
    with open(path, 'rb') as f:
        head = f.read(16)
    if head.startswith(b'PK'):
        try:
            with zipfile.ZipFile(path) as archive:
                pickles = [n for n in archive.namelist()
                           if n.endswith('data.pkl')]
                if not pickles:
                    return ('is a zip archive without data.pkl, not a torch '
                            'checkpoint'), []
                data = archive.read(pickles[0])
        except (zipfile.BadZipFile, EOFError, OSError):
            return (f'is a truncated or corrupt zip-format checkpoint '
                    f'({size} bytes; download it again)'), []
        names, truncated = _pickle_globals(data)
        return ('has a truncated data.pkl' if truncated else None), names
    if len(head) > 1 and head[0] == 0x80 and 2 <= head[1] <= 5:
        with open(path, 'rb') as f:
            names, truncated = _pickle_globals(f.read(_SCAN_BYTES))
        if truncated and size <= _SCAN_BYTES:
            return (f'is truncated ({size} bytes: the pickle stops before '
                    'its end; download it again)'), names
        return None, names
    try:
        text = head.decode('utf-8')
    except UnicodeDecodeError:
        text = None
    if text is None or not all(c.isprintable() or c.isspace()
                               for c in text):
        return (f'is not a checkpoint (neither a zip archive nor a pickle; '
                f'it starts with {head!r})'), []
    return (f'is a text file, not a checkpoint (it starts with {text!r}; '
            'an HTML error page saved as .pth?)'), []


def _restricted_getattr(obj, name):
    """Stand-in for ``builtins.getattr`` while unpickling checkpoints.

    mmengine's ``HistoryBuffer`` pickles its statistic methods by reference
    (``getattr(HistoryBuffer, 'mean')``). The real ``getattr`` can walk from
    any allowed class to arbitrary functions, so only those four lookups are
    answered.
    """
    from mmengine.logging import HistoryBuffer
    if obj is HistoryBuffer and name in _HISTORY_STATISTICS:
        return getattr(HistoryBuffer, name)
    raise pickle.UnpicklingError(
        f'getattr({obj!r}, {name!r}) is not allowed while loading a '
        'checkpoint')


def _allow_resume_globals() -> None:
    serialization = torch.serialization
    if not hasattr(serialization, 'add_safe_globals'):
        return
    from mmengine.logging import HistoryBuffer
    allowed = [
        HistoryBuffer, np.ndarray, np.dtype,
        (_restricted_getattr, 'builtins.getattr')
    ]
    allowed += [
        value for value in vars(np.dtypes).values()
        if isinstance(value, type) and issubclass(value, np.dtype)
    ]
    multiarray = getattr(np, '_core', None) or np.core
    for qualname in ('numpy._core.multiarray', 'numpy.core.multiarray'):
        for attr in ('_reconstruct', 'scalar'):
            allowed.append((getattr(multiarray.multiarray,
                                    attr), f'{qualname}.{attr}'))
    serialization.add_safe_globals(allowed)


def _detail(err) -> str:
    """The line of torch's (long) refusal that names what it refused."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if 'WeightsUnpickler error' in line:
            # torch may put the reason on the next line.
            return ' '.join(lines[i:i + 2]) if line.endswith(':') else line
    return lines[0] if lines else type(err).__name__


def _unsafe_message(source: str, names: List[str], detail) -> str:
    detail = _detail(detail)
    dangerous = dangerous_callables(names)
    if dangerous:
        return (f'Refusing to load checkpoint {source!r}: its pickle names '
                f'{", ".join(dangerous)}, which can run commands or touch '
                'files when it is loaded. No training run writes that: do '
                'not load this file, not even with --trust-checkpoint. '
                f'Details: {detail}')
    refused = [n for n in names if not n.startswith(_ALLOWED_PREFIXES)]
    named = (f'it names {", ".join(refused[:8])}, which safe loading (torch '
             'weights_only=True) does not allow' if refused else
             'safe loading (torch weights_only=True) refuses its contents')
    return (f'Refusing to load checkpoint {source!r}: {named}. Only '
            'checkpoints written by mmengine/fga load this way. If you '
            'produced this file yourself and trust it, convert it once with '
            '`python tools/misc/publish_model.py IN OUT --trust-checkpoint`. '
            f'Details: {detail}')


def _refuse_unsafe(source: str, load):
    """Run ``load()``; a pickle outside the allowlist becomes an
    ``UnsafeCheckpointError`` naming ``source``, a file that is no
    checkpoint (empty, truncated, text) a ``CheckpointFileError`` saying
    what it is."""
    try:
        return load()
    except (pickle.UnpicklingError, RuntimeError, EOFError, ValueError,
            struct.error) as err:
        if not isinstance(source, (str, os.PathLike)) or \
                not osp.isfile(source):
            if isinstance(err, pickle.UnpicklingError):
                raise UnsafeCheckpointError(
                    f'Refusing to load checkpoint {source!r}: safe loading '
                    '(torch weights_only=True) refuses its contents. '
                    f'Details: {_detail(err)}') from None
            raise
        problem, names = inspect_checkpoint_file(source)
        if problem is not None:
            raise CheckpointFileError(
                f'cannot load checkpoint {source}: the file {problem}') \
                from None
        if isinstance(err, pickle.UnpicklingError):
            raise UnsafeCheckpointError(_unsafe_message(source, names,
                                                        err)) from None
        if isinstance(err, (EOFError, struct.error)) or any(
                word in str(err)
                for word in ('PytorchStreamReader', 'EOF', 'corrupt')):
            raise CheckpointFileError(
                f'cannot load checkpoint {source}: torch cannot read it '
                f'({type(err).__name__}: {str(err).splitlines()[0]}); the '
                'file is probably truncated') from None
        raise


def _register_checkpoint_loader() -> None:
    """Route mmengine's local and http(s) checkpoint loading through the
    safe loader (mmengine's own http loader unpickles with
    ``weights_only=False``)."""
    from mmengine.runner.checkpoint import CheckpointLoader

    def load_from_local(filename, map_location):
        filename = osp.expanduser(filename)
        if not osp.isfile(filename):
            raise FileNotFoundError(f'{filename} can not be found.')
        return safe_torch_load(filename, map_location)

    def load_from_http(url, map_location, model_dir=None):
        return _refuse_unsafe(
            url, lambda: torch.hub.load_state_dict_from_url(
                url, model_dir=model_dir, map_location=map_location,
                weights_only=True))

    CheckpointLoader.register_scheme(
        prefixes='', loader=load_from_local, force=True)
    CheckpointLoader.register_scheme(
        prefixes=('http://', 'https://'), loader=load_from_http, force=True)


def install_safe_loading() -> None:
    """Allow mmengine's resume globals and make mmengine load every
    checkpoint safely; idempotent."""
    global _INSTALLED
    if _INSTALLED:
        return
    _allow_resume_globals()
    _register_checkpoint_loader()
    _INSTALLED = True


def safe_torch_load(filename, map_location=None):
    """``torch.load`` with ``weights_only=True`` and an error that names the
    file when the pickle holds anything outside the allowlist."""
    install_safe_loading()
    return _refuse_unsafe(
        filename, lambda: torch.load(
            filename, map_location=map_location, weights_only=True))


def load_checkpoint_file(path: str,
                         trust_checkpoint: bool = False,
                         map_location='cpu'):
    """Load a checkpoint with ``weights_only=True`` (fga's allow-list),
    or, only when the caller says it trusts the file, with
    ``weights_only=False`` and a warning (that runs any code in the
    pickle). A file whose pickle names a command-running callable is
    refused even then."""
    if not trust_checkpoint:
        return safe_torch_load(path, map_location=map_location)
    problem, names = inspect_checkpoint_file(path)
    if problem is not None:
        raise CheckpointFileError(
            f'cannot load checkpoint {path}: the file {problem}')
    if dangerous_callables(names):
        raise UnsafeCheckpointError(
            _unsafe_message(path, names, '--trust-checkpoint was given'))
    warnings.warn(f'loading {path} with weights_only=False: only do this '
                  'for files you produced yourself or trust')
    return torch.load(path, map_location=map_location, weights_only=False)


def save_checkpoint_atomic(obj, path: str) -> None:
    """``torch.save`` so that an interrupted write never leaves a truncated
    file under ``path``."""
    with atomic_write(path, binary=True) as f:
        torch.save(obj, f)
