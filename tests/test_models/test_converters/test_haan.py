"""The HAAN converter on models saved the way the reference saves them
(``torch.save(module.state_dict(), '<name>.pkl')`` of its two-layer MLP)."""
import os.path as osp

import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.config import Config
from torch import nn

from fga.models.converters import convert_haan_state_dicts
from tests.test_journeys.journey import REPO_ROOT, ToolFailed, run_tool

CONFIG = osp.join(REPO_ROOT, 'configs', 'haan',
                  'haan_mlp-d64_1xb2-40e_synthweak.py')


class ReferenceMLP(nn.Module):
    """HAAN's ``model.Model``: its attribute names and forward."""

    def __init__(self, n_in, n_hidden, n_out, dropout_rate):
        super().__init__()
        self.hidden_layer = nn.Linear(n_in, n_hidden)
        self.out_layer = nn.Linear(n_hidden, n_out)
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, inputs, is_training=True):
        x = F.relu(self.hidden_layer(inputs))
        if is_training:
            x = self.dropout(x)
        return x, self.out_layer(x)


@pytest.fixture(scope='module')
def released(tmp_path_factory):
    """encoder.pkl and fine_level_classifier.pkl of the synthweak config's
    sizes (64-d features, 64-d embedding, 9 fine classes)."""
    torch.manual_seed(3)
    folder = tmp_path_factory.mktemp('haan_release')
    encoder = ReferenceMLP(64, 64, 64, 0.7).eval()
    classifier = ReferenceMLP(64, 64, 9, 0.7).eval()
    torch.save(encoder.state_dict(), folder / 'encoder.pkl')
    torch.save(classifier.state_dict(), folder / 'fine_level_classifier.pkl')
    return folder, encoder, classifier


def test_tool_writes_a_checkpoint_that_predicts_as_the_reference(
        released, tmp_path):
    folder, encoder, classifier = released
    out = tmp_path / 'haan.pth'
    printed = run_tool('convert/haan_to_fga.py', folder / 'encoder.pkl',
                       folder / 'fine_level_classifier.pkl', out,
                       '--config', CONFIG)
    assert ('initialised, not released: atomic_weights, '
            'coarse_level_classifier, pseudo_label_classifier') in printed
    checkpoint = torch.load(out, weights_only=True)
    assert checkpoint['meta']['converted_from'] == [
        'encoder.pkl', 'fine_level_classifier.pkl'
    ]
    model = MODELS.build(Config.fromfile(CONFIG).model).eval()
    model.load_state_dict(checkpoint['state_dict'], strict=True)
    feats = torch.randn(1, 30, 64)
    with torch.no_grad():
        _, embedded = encoder(feats, is_training=False)
        _, expected = classifier(embedded, is_training=False)
        assert torch.allclose(model.head(feats), expected, atol=1e-6)
    assert torch.equal(model.head.encoder.out_layer.bias,
                       encoder.out_layer.bias)


def test_training_parts_from_files(released, tmp_path):
    folder, encoder, classifier = released
    torch.manual_seed(4)
    coarse = ReferenceMLP(64, 64, 1, 0.7)
    template = MODELS.build(Config.fromfile(CONFIG).model).state_dict()
    state_dict, kept = convert_haan_state_dicts(
        dict(encoder=encoder.state_dict(),
             fine_level_classifier=classifier.state_dict(),
             coarse_level_classifier=coarse.state_dict()), template)
    assert list(state_dict) == list(template)
    assert kept == ['head.atomic_weights'] + [
        f'head.pseudo_label_classifier.{k}'
        for k in ('hidden_layer.weight', 'hidden_layer.bias',
                  'out_layer.weight', 'out_layer.bias')
    ]
    assert torch.equal(state_dict['head.coarse_level_classifier.out_layer.'
                                  'weight'], coarse.out_layer.weight)
    with pytest.raises(KeyError, match='no fine_level_classifier'):
        convert_haan_state_dicts(dict(encoder=encoder.state_dict()),
                                 template)


def test_mismatch_names_file_key_and_shapes(released, tmp_path):
    folder, _, _ = released
    other = ReferenceMLP(64, 64, 99, 0.7)
    torch.save(other.state_dict(), tmp_path / 'fine_level_classifier.pkl')
    with pytest.raises(ToolFailed) as err:
        run_tool('convert/haan_to_fga.py', folder / 'encoder.pkl',
                 tmp_path / 'fine_level_classifier.pkl', tmp_path / 'o.pth',
                 '--config', CONFIG)
    message = str(err.value)
    assert str(tmp_path / 'fine_level_classifier.pkl') in message
    assert ("out_layer.weight is (99, 64), the config's head."
            'fine_level_classifier.out_layer.weight is (9, 64)') in message
    assert not (tmp_path / 'o.pth').exists()

    torch.save(dict(weight=torch.zeros(2)), tmp_path / 'encoder.pkl')
    with pytest.raises(ToolFailed, match='not the state dict of a HAAN MLP'):
        run_tool('convert/haan_to_fga.py', tmp_path / 'encoder.pkl',
                 folder / 'fine_level_classifier.pkl', tmp_path / 'o.pth',
                 '--config', CONFIG)
