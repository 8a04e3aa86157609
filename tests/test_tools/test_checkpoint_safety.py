import os
import sys

import torch


class _Marker:

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, 'w'))


def _evil(tmp_path):
    marker = tmp_path / 'pwned'
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {}, 'meta': _Marker(str(marker))}, path)
    return str(path), marker


def test_test_py_refuses_malicious_checkpoint(run_tool, repo_root,
                                              tiny_config, tmp_path):
    path, marker = _evil(tmp_path)
    proc = run_tool([sys.executable, 'tools/test.py', tiny_config, path,
                     '--work-dir', str(tmp_path / 'w')], cwd=repo_root,
                    check=False)
    assert proc.returncode != 0
    assert 'Refusing to load checkpoint' in proc.stderr
    assert not marker.exists()


def test_load_from_refuses_malicious_checkpoint(run_tool, repo_root,
                                                tiny_config, tmp_path):
    path, marker = _evil(tmp_path)
    proc = run_tool([
        sys.executable, 'tools/train.py', tiny_config, '--work-dir',
        str(tmp_path / 'w'), '--cfg-options', f'load_from={path}'
    ], cwd=repo_root, check=False)
    assert proc.returncode != 0
    assert 'Refusing to load checkpoint' in proc.stderr
    assert not marker.exists()
    assert 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD' not in os.environ


def test_urls_load_with_weights_only(monkeypatch):
    from mmengine.runner.checkpoint import CheckpointLoader

    import fga  # noqa: F401  (registers the safe loaders)
    calls = []

    def fake_download(url, **kwargs):
        calls.append((url, kwargs))
        return {'w': torch.zeros(1)}

    monkeypatch.setattr(torch.hub, 'load_state_dict_from_url', fake_download)
    url = 'https://download.pytorch.org/models/googlenet-1378be20.pth'
    out = CheckpointLoader.load_checkpoint(url, map_location='cpu')
    assert set(out) == {'w'}
    assert calls[0][0] == url and calls[0][1]['weights_only'] is True
