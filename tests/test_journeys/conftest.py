import pytest
import torch

from tests.test_journeys.journey import REPO_ROOT, run_tool


@pytest.fixture
def tool(monkeypatch):
    """Run a tool from the repository root, as a user does, on one thread
    (the CI machine has two cores)."""
    monkeypatch.chdir(REPO_ROOT)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield run_tool
    torch.set_num_threads(threads)
