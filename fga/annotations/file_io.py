"""Reading annotation and prediction files: JSON and text, plain or
gzip-compressed (``.gz``), with errors that name the file.

Nothing here imports torch or mmengine, so command-line tools that only
read files start quickly.
"""
import gzip
import json
import os.path as osp
from typing import IO, Any, List, Tuple

__all__ = [
    'AnnotationError', 'resolve_path', 'open_text', 'load_json', 'read_lines'
]


class AnnotationError(ValueError):
    """A malformed annotation, list, class or prediction file; the message
    names the file (and video or line) and the problem."""


def resolve_path(path: str, what: str = 'file') -> str:
    """``path``, or ``path + '.gz'`` when only the compressed file exists."""
    if osp.isfile(path):
        return path
    if not path.endswith('.gz') and osp.isfile(path + '.gz'):
        return path + '.gz'
    raise FileNotFoundError(f'{what} {path} does not exist')


def open_text(path: str, what: str = 'file') -> IO[str]:
    """Open a UTF-8 text file for reading (a leading byte-order mark is
    skipped); ``.gz`` files are decompressed and ``FILE`` falls back to
    ``FILE.gz``."""
    path = resolve_path(path, what)
    if path.endswith('.gz'):
        return gzip.open(path, 'rt', encoding='utf-8-sig')
    return open(path, encoding='utf-8-sig')


def _read_text(path: str, what: str) -> str:
    resolved = resolve_path(path, what)
    try:
        with open_text(resolved, what) as f:
            return f.read()
    except UnicodeDecodeError as err:
        raise AnnotationError(
            f'{resolved}: not UTF-8 text (byte {err.start}: '
            f'{err.object[err.start:err.start + 1]!r})') from None
    except (OSError, EOFError) as err:
        # gzip raises these for truncated or corrupt archives.
        raise AnnotationError(f'{resolved}: cannot read ({err})') from None


class _DuplicateKey(Exception):
    pass


def _unique_keys(pairs: List[Tuple[str, Any]]) -> dict:
    """A JSON object, refusing repeated keys (``json`` keeps the last one
    silently, e.g. the second of two videos with the same id)."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def load_json(path: str, what: str = 'annotation file') -> Any:
    """Parse a JSON file (``.json`` or ``.json.gz``); errors name it. An
    object with a repeated key is an error (the last one would win)."""
    text = _read_text(path, what)
    if not text.strip():
        raise AnnotationError(f'{path}: empty file (no JSON in it)')
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        truncated = ' (truncated?)' if err.pos >= len(text.rstrip()) or \
            err.msg.startswith('Unterminated') else ''
        raise AnnotationError(
            f'{path}: malformed JSON{truncated} ({err})') from None
    except _DuplicateKey as err:
        raise AnnotationError(f'{path}: key {err.args[0]!r} appears twice in '
                              'one object (JSON would keep only the last)') \
            from None


def read_lines(path: str, what: str = 'file') -> List[str]:
    """The lines of a UTF-8 text file, without line endings."""
    return _read_text(path, what).splitlines()
