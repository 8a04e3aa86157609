import os.path as osp

import pytest

from fga.utils import register_all_modules

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
register_all_modules()

ANNOTATIONS = osp.join(REPO_ROOT, 'tests', 'data', 'annotations')


@pytest.fixture(scope='session')
def repo_root() -> str:
    return REPO_ROOT


@pytest.fixture(scope='session')
def annotation_data() -> str:
    """The real annotation files shipped with the repository
    (``tests/data/annotations``, see its README)."""
    return ANNOTATIONS


@pytest.fixture(scope='session')
def synthrally_small(tmp_path_factory) -> str:
    """A small SynthRally set shared by the tests that need frames."""
    from fga.datasets.synthetic import generate_synthrally
    out = str(tmp_path_factory.mktemp('synthrally'))
    generate_synthrally(out, seed=3, videos=20, max_shots=4)
    return out
