"""tools/convert/ibm_to_fga.py on IBM-style checkpoints (names and shapes
from tests/data/ibm_reference_tiny.pth)."""
import os.path as osp
import sys

import torch


def _checkpoint(repo_root, name, path):
    fixture = torch.load(
        osp.join(repo_root, 'tests', 'data', 'ibm_reference_tiny.pth'),
        weights_only=True)[name]
    state = {
        f'module.{key}': torch.zeros(shape)
        for key, shape in zip(fixture['names'], fixture['shapes'])
    }
    torch.save(
        dict(epoch=50, arch=f'mini_st2stv2-rgb-{name}-f8', state_dict=state),
        path)
    return fixture


def test_converts_a_dataparallel_tam_resnet(run_tool, repo_root, tmp_path):
    src, dst = tmp_path / 'model_best.pth.tar', tmp_path / 'tam.pth'
    fixture = _checkpoint(repo_root, 'tam_resnet50_tp_avg', src)
    proc = run_tool(
        [sys.executable, 'tools/convert/ibm_to_fga.py',
         str(src),
         str(dst)],
        cwd=repo_root)
    assert 'of resnet' in proc.stdout and 'ResNetTAM with TAM' in proc.stdout
    out = torch.load(dst, weights_only=True)
    assert len(out['state_dict']) == len(fixture['names'])
    assert out['meta']['ibm_arch'] == 'resnet'
    assert out['meta']['ibm_name'].endswith('-f8')
    keys = set(out['state_dict'])
    assert {
        'backbone.conv1.conv.weight', 'backbone.conv1.bn.running_var',
        'backbone.layer1.0.downsample.conv.weight',
        'backbone.layer4.2.conv3.bn.bias',
        'backbone.layer2.1.conv1.tam.branches.1.weight',
        'cls_head.fc_cls.weight'
    } <= keys


def test_detects_s3d_and_refuses_3d_resnets(run_tool, repo_root, tmp_path):
    src, dst = tmp_path / 's3d.pth.tar', tmp_path / 's3d.pth'
    _checkpoint(repo_root, 's3d_no_stride', src)
    proc = run_tool(
        [sys.executable, 'tools/convert/ibm_to_fga.py',
         str(src),
         str(dst)],
        cwd=repo_root)
    assert 'of s3d' in proc.stdout and 'backbone type S3D' in proc.stdout

    torch.save(
        {
            'conv1.weight': torch.zeros(64, 3, 3, 7, 7),
            'bn1.weight': torch.zeros(64)
        }, src)
    proc = run_tool(
        [sys.executable, 'tools/convert/ibm_to_fga.py',
         str(src),
         str(dst)],
        cwd=repo_root,
        check=False)
    assert proc.returncode != 0
    assert "MMAction2's ResNet3d" in proc.stderr
