"""Random numbers that are a function of where they are drawn.

A resumed run redraws exactly what the uninterrupted run drew when every
random number depends on (seed, epoch, sample index) in the data pipeline
and on (seed, iteration) in the model, instead of on how long a process
or worker has been running.
"""
import contextlib
import random
from typing import Iterator

import numpy as np

__all__ = ['derive_seed', 'seed_everything', 'seeded_random_state']


def derive_seed(*keys: int) -> int:
    """A 32-bit seed mixing the integers ``keys`` (NumPy's SeedSequence:
    nearby keys give unrelated streams)."""
    return int(
        np.random.SeedSequence([int(k) & 0xFFFFFFFF
                                for k in keys]).generate_state(1)[0])


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and torch's global generators (CPU and
    CUDA) with ``seed``."""
    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


@contextlib.contextmanager
def seeded_random_state(seed: int) -> Iterator[None]:
    """Run a block with the global generators seeded by ``seed`` and give
    them back their previous states afterwards, so the surrounding
    stream (e.g. the model's dropout draws) is not disturbed."""
    import torch
    python_state = random.getstate()
    numpy_state = np.random.get_state()
    torch_state = torch.get_rng_state()
    try:
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)
        torch.set_rng_state(torch_state)
