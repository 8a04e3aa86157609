"""The evaluation CLIs' code loads no torch, mmengine or scipy, and
``import fga`` alone still registers every component on first lookup (what
``custom_imports=dict(imports=['fga'])`` relies on). Fresh interpreters:
the test process has everything loaded already."""
import subprocess
import sys

HEAVY = ('torch', 'scipy', 'mmengine', 'mmengine.runner', 'mmaction')


def _python(code: str, repo_root: str) -> str:
    return subprocess.run([sys.executable, '-c', code], cwd=repo_root,
                          capture_output=True, text=True,
                          check=True).stdout.strip()


def test_evaluation_files_import_no_training_stack(repo_root):
    loaded = _python(
        'import sys\n'
        'import fga.evaluation.detection_files\n'
        'import fga.evaluation.sequence_files\n'
        'import fga.evaluation.functional\n'
        f'print([m for m in {HEAVY!r} if m in sys.modules])', repo_root)
    assert loaded == '[]'


def test_import_fga_registers_on_first_lookup(repo_root):
    out = _python(
        'import sys\n'
        'import fga\n'
        "print('torch' in sys.modules)\n"
        'from mmengine.registry import MODELS, init_default_scope\n'
        "init_default_scope('mmaction')\n"
        "head = MODELS.build(dict(type='F3ASTHead', in_channels=8,\n"
        '    num_classes=3, clip_len=4, d_model=8, num_heads=2,\n'
        '    ffn_channels=8))\n'
        'from mmaction.registry import HOOKS, METRICS\n'
        "print(type(head).__name__, HOOKS.get('AtomicActionDiscoveryHook')"
        ".__name__, METRICS.get('TALDetectionMAP').__name__)\n"
        'import numpy\n'
        "print(hasattr(numpy, 'trapz'))", repo_root)
    assert out.splitlines() == [
        'False', 'F3ASTHead AtomicActionDiscoveryHook TALDetectionMAP', 'True'
    ]


def test_registry_loaded_before_fga(repo_root):
    out = _python(
        'from mmaction.registry import MODELS\n'
        'import fga\n'
        "print(MODELS.get('ActionFormer').__name__)\n"
        'import fga.models\n'
        'print(fga.models.F3ASTHead.__name__)', repo_root)
    assert out.splitlines() == ['ActionFormer', 'F3ASTHead']
