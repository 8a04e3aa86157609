"""Every metafile entry says where its weights come from, in a form that
openmim 0.3.9 carries through ``mim search`` and ``mim download``."""
import glob
import os.path as osp
import re

import pytest
import yaml

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
METAFILES = sorted(glob.glob(osp.join(ROOT, 'configs', '*', 'metafile.yml')))
TOOL = re.compile(r'tools/\S+\.py')


def _models():
    for path in METAFILES:
        with open(path) as f:
            for model in yaml.safe_load(f)['Models']:
                yield osp.relpath(path, ROOT), model


@pytest.mark.parametrize('metafile,model', list(_models()),
                         ids=lambda v: v['Name'] if isinstance(v, dict) else v)
def test_weights_name_how_to_get_them(metafile, model):
    weights = model['Weights']
    # Without any Weights mim's download crashes in pandas (no 'weight'
    # column); it splits the field on commas.
    assert isinstance(weights, str) and ',' not in weights
    if weights.startswith('https://'):
        return
    assert weights.startswith('NOT RELEASED by fga')
    readme = osp.join(osp.dirname(metafile), 'README.md')
    assert readme in weights and 'Official weights' in weights
    with open(osp.join(ROOT, readme)) as f:
        assert '\n## Official weights\n' in f.read()
    tool = TOOL.search(weights).group(0)
    assert osp.isfile(osp.join(ROOT, tool)), tool
    assert osp.isfile(osp.join(ROOT, model['Config']))


def test_mim_download_names_the_way(tmp_path, monkeypatch):
    mim_download = pytest.importorskip('mim.commands.download')
    import mim.commands.search as mim_search
    installed = tmp_path / 'fga'
    (installed / '.mim').mkdir(parents=True)
    for name in ('configs', 'model-index.yml'):
        (installed / '.mim' / name).symlink_to(osp.join(ROOT, name))
    for module in (mim_download, mim_search):
        monkeypatch.setattr(module, 'get_installed_path',
                            lambda package: str(installed))
    name = 'f3ast_slowfast-r50_1xb4-128x3-50e_finetennis-rgb'
    with pytest.raises(Exception) as err:
        mim_download.download('fga', [name], str(tmp_path / 'dest'))
    chain = [err.value, err.value.__context__]
    assert any('tools/convert/f3ast_to_fga.py' in str(e) for e in chain)
