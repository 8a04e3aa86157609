"""IBM reference data for the backbone tests: the parity fixture
``tests/data/ibm_reference_tiny.pth`` (official parameter names and shapes,
and the logits IBM's code gives with the weights below; see
``tests/data/README.md``)."""
import os.path as osp
import zlib
from typing import Callable, Dict, List, Tuple

import pytest
import torch

ROOT = osp.dirname(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))


def official_weights(names: List[str],
                     shapes: List[List[int]]) -> Dict[str, torch.Tensor]:
    """Deterministic weights per parameter name (seeded by its CRC32);
    BN statistics stay well conditioned so the logits are O(1)."""
    out = {}
    for name, shape in zip(names, shapes):
        g = torch.Generator().manual_seed(zlib.crc32(name.encode()))
        if name.endswith('num_batches_tracked'):
            out[name] = torch.tensor(0)
        elif name.endswith('running_var'):
            out[name] = 0.5 + torch.rand(shape, generator=g)
        elif name.endswith('running_mean') or name.endswith('bias'):
            out[name] = 0.1 * torch.randn(shape, generator=g)
        elif len(shape) == 1:
            out[name] = 1 + 0.1 * torch.randn(shape, generator=g)
        else:
            fan_in = 1
            for size in shape[1:]:
                fan_in *= size
            out[name] = torch.randn(shape, generator=g) / fan_in**0.5
    return out


@pytest.fixture(scope='session')
def ibm_reference() -> dict:
    return torch.load(
        osp.join(ROOT, 'tests', 'data', 'ibm_reference_tiny.pth'),
        weights_only=True)


@pytest.fixture(scope='session')
def reference_weights(
        ibm_reference) -> Callable[[str], Dict[str, torch.Tensor]]:
    """Case name -> the weights, under IBM's names, of that case's logits."""

    def weights(name: str) -> Dict[str, torch.Tensor]:
        case = ibm_reference[name]
        return official_weights(case['names'], case['shapes'])

    return weights


@pytest.fixture
def torchvision_resnet18(
        tmp_path, reference_weights) -> Tuple[str, Dict[str, torch.Tensor]]:
    """A ResNet-18 checkpoint with torchvision's names and shapes: IBM's
    TAM-ResNet-18 without its TAMs. Returns (path, weights)."""
    weights = {
        name: value
        for name, value in reference_weights(
            'tam_resnet18_b5_max_allc').items() if '.tam.' not in name
    }
    path = str(tmp_path / 'resnet18.pth')
    torch.save(weights, path)
    return path, weights
