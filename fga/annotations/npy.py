"""Reading ``.npy`` files (plain or ``.npy.gz``) without letting them run
code.

``np.load(allow_pickle=True)`` unpickles object arrays with Python's full
unpickler, so a crafted file runs any callable it names. HAAN's
annotations and feature arrays are object arrays, downloaded from third
parties: here they are unpickled with an allowlist that rebuilds NumPy
arrays, dtypes and scalars and plain Python values only (the idea of
torch's ``weights_only``); anything else is refused before it runs.
"""
import gzip
import pickle
from typing import Any, Dict, Tuple

import numpy as np

from .file_io import AnnotationError, resolve_path

__all__ = ['UnsafeFileError', 'load_npy']

_MULTIARRAY = ('numpy.core.multiarray', 'numpy._core.multiarray')


class UnsafeFileError(AnnotationError):
    """A data file names a callable that reading it would run."""


def _latin1_encode(text: str, encoding: str = 'latin1') -> bytes:
    """``_codecs.encode`` as Python-2-compatible pickles use it (to turn
    the text form of raw array bytes back into bytes), for Latin-1 only."""
    if encoding.replace('-', '').lower() != 'latin1' or not isinstance(
            text, str):
        raise pickle.UnpicklingError(
            f'_codecs.encode({type(text).__name__}, {encoding!r}) is not '
            'allowed')
    return text.encode('latin1')


def numpy_reconstruction_globals() -> Dict[Tuple[str, str], Any]:
    multiarray = (getattr(np, '_core', None) or np.core).multiarray
    allowed = {('numpy', 'ndarray'): np.ndarray,
               ('numpy', 'dtype'): np.dtype,
               ('_codecs', 'encode'): _latin1_encode}
    for module in _MULTIARRAY:
        allowed[(module, '_reconstruct')] = multiarray._reconstruct
        allowed[(module, 'scalar')] = multiarray.scalar
    for name, value in vars(np.dtypes).items():
        if isinstance(value, type) and issubclass(value, np.dtype):
            allowed[('numpy.dtypes', name)] = value
    return allowed


class _RestrictedUnpickler(pickle.Unpickler):

    def __init__(self, file, source: str) -> None:
        super().__init__(file)
        self.source = source
        self.allowed = numpy_reconstruction_globals()

    def find_class(self, module: str, name: str):
        value = self.allowed.get((module, name))
        if value is None:
            raise UnsafeFileError(
                f'{self.source}: refusing to read it: it names the callable '
                f'{module}.{name}, which unpickling would run. fga reads '
                'only NumPy arrays, numbers and strings from .npy files; '
                'this file is not one, or it has been tampered with')
        return value


def _read_header(f) -> Tuple[tuple, bool, np.dtype]:
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(f)
    return np.lib.format.read_array_header_2_0(f)


def load_npy(path: str, what: str = 'array file') -> np.ndarray:
    """The array stored in ``path`` (``.npy``, or ``.npy.gz``; ``FILE``
    falls back to ``FILE.gz``). Object arrays (e.g. one array per video)
    are rebuilt by the restricted unpickler.

    Raises:
        FileNotFoundError: no such file.
        UnsafeFileError: the file names a callable outside the allowlist.
        AnnotationError: the file is truncated or not an array.
    """
    resolved = resolve_path(path, what)
    opener = gzip.open if resolved.endswith('.gz') else open
    try:
        with opener(resolved, 'rb') as f:
            shape, _, dtype = _read_header(f)
            if not dtype.hasobject:
                f.seek(0)
                return np.lib.format.read_array(f, allow_pickle=False)
            array = _RestrictedUnpickler(f, resolved).load()
    except UnsafeFileError:
        raise
    except (ValueError, OSError, EOFError, TypeError, AttributeError,
            IndexError, pickle.UnpicklingError) as err:
        raise AnnotationError(f'{resolved}: not a readable .npy array '
                              f'({type(err).__name__}: {err})') from None
    if not isinstance(array, np.ndarray) or array.shape != shape:
        raise AnnotationError(f'{resolved}: the pickled data is not the '
                              f'{shape} array its header announces')
    return array
