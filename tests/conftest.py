import os
import os.path as osp

import pytest

from fga.utils import register_all_modules

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
register_all_modules()

SHARED_DATA = os.environ.get(
    'FGA_SHARED_DATA', osp.join(osp.dirname(REPO_ROOT), 'shared', 'data'))


@pytest.fixture(scope='session')
def repo_root() -> str:
    return REPO_ROOT


@pytest.fixture(scope='session')
def shared_data() -> str:
    """The real annotation files (``../shared/data`` beside the checkout,
    or ``$FGA_SHARED_DATA``)."""
    if not osp.isdir(osp.join(SHARED_DATA, 'f3ast')):
        pytest.fail(f'real annotation files not found at {SHARED_DATA}; set '
                    'FGA_SHARED_DATA to the shared data folder')
    return SHARED_DATA


@pytest.fixture(scope='session')
def synthrally_small(tmp_path_factory) -> str:
    """A small SynthRally set shared by the tests that need frames."""
    from fga.datasets.synthetic import generate_synthrally
    out = str(tmp_path_factory.mktemp('synthrally'))
    generate_synthrally(out, seed=3, videos=20, max_shots=4)
    return out
