import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch
from mmengine.logging import HistoryBuffer, MessageHub

from fga.utils import UnsafeCheckpointError, safe_torch_load


class _Marker:
    """Unpickling this would create ``path``."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, 'w'))


class _SystemCall:

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.system, (f'touch {self.path}', ))


class _GetattrChain:
    """getattr(HistoryBuffer, '__init__') would lead on to globals."""

    def __reduce__(self):
        return (getattr, (HistoryBuffer, '__init__'))


def test_drn_stub_lets_mmaction_models_import():
    import mmaction.models  # noqa: F401
    from mmaction.models.localizers import DRN
    with pytest.raises(ImportError, match='DRN is missing'):
        DRN()


def test_numpy_aliases():
    assert np.trapz is not None and np.Inf == np.inf


@pytest.mark.parametrize('payload', [_Marker, _SystemCall])
def test_malicious_pickle_is_refused_without_side_effect(tmp_path, payload):
    marker = tmp_path / 'pwned'
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {}, 'meta': payload(str(marker))}, path)
    with pytest.raises(UnsafeCheckpointError, match='Refusing to load'):
        safe_torch_load(str(path))
    assert not marker.exists()


def test_getattr_chain_is_refused(tmp_path):
    path = tmp_path / 'chain.pth'
    torch.save({'state_dict': {}, 'meta': _GetattrChain()}, path)
    with pytest.raises(UnsafeCheckpointError, match='__init__'):
        safe_torch_load(str(path))


def test_message_hub_state_loads(tmp_path):
    hub = MessageHub.get_instance('fga-compat-test')
    hub.update_scalar('train/loss', 1.5)
    hub.update_scalar('train/loss', 0.5)
    path = tmp_path / 'ckpt.pth'
    torch.save({'state_dict': {'w': torch.ones(2)},
                'message_hub': hub.state_dict(),
                'meta': {'epoch': 1, 'hist': np.arange(3)}}, path)
    loaded = safe_torch_load(str(path))
    buffer = loaded['message_hub']['log_scalars']['train/loss']
    assert buffer.mean() == 1.0 and buffer.current() == 0.5


def test_load_from_refuses_malicious_checkpoint(tmp_path):
    from mmengine.runner import load_checkpoint
    marker = tmp_path / 'pwned'
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {}, 'meta': _Marker(str(marker))}, path)
    with pytest.raises(UnsafeCheckpointError):
        load_checkpoint(torch.nn.Linear(2, 2), str(path))
    assert not marker.exists()


def test_weights_only_not_disabled_globally():
    assert 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD' not in os.environ
    assert 'TORCH_FORCE_WEIGHTS_ONLY_LOAD' not in os.environ


def test_published_checkpoint_loads_with_plain_torch(tmp_path, repo_root):
    hub = MessageHub.get_instance('fga-publish-test')
    hub.update_scalar('loss', 1.0)
    path = tmp_path / 'train.pth'
    torch.save({'state_dict': {'w': torch.ones(2)}, 'meta': {'epoch': 3},
                'message_hub': hub.state_dict(), 'optimizer': {}}, path)
    out = subprocess.run(
        [sys.executable, 'tools/misc/publish_model.py', str(path),
         str(tmp_path / 'release.pth')],
        cwd=repo_root, capture_output=True, text=True, check=True)
    released = out.stdout.strip().splitlines()[-1]
    assert released.startswith(str(tmp_path / 'release-'))
    # A fresh interpreter without fga's allowlist: torch's default loader.
    code = textwrap.dedent(f"""
        import torch
        ckpt = torch.load({released!r})
        assert sorted(ckpt) == ['meta', 'state_dict'], sorted(ckpt)
        print('ok')
    """)
    result = subprocess.run([sys.executable, '-c', code],
                            capture_output=True, text=True)
    assert result.stdout.strip() == 'ok', result.stderr
