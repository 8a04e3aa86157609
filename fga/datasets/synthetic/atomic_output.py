"""Write generated datasets so that an interrupted run leaves nothing
half-written under the final name."""
import os
import os.path as osp
import shutil
from typing import Tuple

__all__ = ['begin_atomic_output', 'finish_atomic_output']


def begin_atomic_output(out_dir: str, overwrite: bool) -> Tuple[str, str]:
    """Check ``out_dir`` and create an empty temporary sibling for the data.

    Returns:
        (final folder, temporary folder to write into).
    """
    out_dir = osp.abspath(out_dir)
    if osp.exists(out_dir) and os.listdir(out_dir) and not overwrite:
        raise FileExistsError(f'{out_dir} exists and is not empty; remove it '
                              'or pass overwrite=True (--overwrite)')
    tmp_dir = f'{out_dir}.partial-{os.getpid()}'
    shutil.rmtree(tmp_dir, ignore_errors=True)
    os.makedirs(tmp_dir)
    return out_dir, tmp_dir


def finish_atomic_output(tmp_dir: str, out_dir: str) -> None:
    """Replace ``out_dir`` with the completed temporary folder."""
    if osp.exists(out_dir):
        shutil.rmtree(out_dir)
    os.rename(tmp_dir, out_dir)
