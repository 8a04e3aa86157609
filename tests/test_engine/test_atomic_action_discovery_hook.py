import numpy as np
import pytest
import torch
from mmaction.registry import MODELS

from fga.datasets import HAANFeatureDataset
from fga.datasets.synthetic import generate_synthweak
from fga.engine.hooks import AtomicActionDiscoveryHook


@pytest.fixture(scope='module')
def synthweak(tmp_path_factory):
    root = tmp_path_factory.mktemp('sw') / 'sw'
    generate_synthweak(str(root), videos=20)
    return str(root)


def _setup(root, clusters):
    dataset = HAANFeatureDataset(
        ann_path=root, features=f'{root}/features.npy', split='train',
        num_classes=9, num_coarse_classes=3, in_channels=64,
        num_training_videos=15,
        pipeline=[dict(type='LoadClipFeatures', in_channels=64),
                  dict(type='PackWeakLocalizationInputs')])
    head = MODELS.build(dict(
        type='HAANHead', in_channels=64, embed_channels=16, num_classes=9,
        num_coarse_classes=3, fine_to_coarse=f'{root}/'
        'fine_to_coarse_mappings.json', num_atomic_actions=clusters,
        num_top_concepts=3))
    return dataset, head


class _Runner:

    def __init__(self, model, dataset, epoch):
        self.model = model
        self.epoch = epoch
        self.train_dataloader = type('Loader', (), {'dataset': dataset})


def test_discovery_labels_every_clip(synthweak):
    dataset, head = _setup(synthweak, 6)
    model = MODELS.build(dict(type='HAAN', head=dict(
        type='HAANHead', in_channels=64, embed_channels=16, num_classes=9,
        num_coarse_classes=3,
        fine_to_coarse=f'{synthweak}/fine_to_coarse_mappings.json',
        num_atomic_actions=6, num_top_concepts=3)))
    hook = AtomicActionDiscoveryHook(interval=5, sample_rate=0.1, n_init=2)
    hook.before_train_epoch(_Runner(model, dataset, epoch=0))
    labels = model.head.atomic_labels
    assert sorted(labels) == [d['video_index'] for d in dataset.data_list]
    for d in dataset.data_list:
        assert len(labels[d['video_index']]) == len(d['feature'])
    weights = model.head.atomic_weights
    assert weights.sum().item() == pytest.approx(1.0)
    total = sum(len(v) for v in labels.values())
    counts = np.bincount(np.concatenate([v.numpy() for v in labels.values()]),
                         minlength=6)
    np.testing.assert_allclose(weights.numpy(), counts / total, rtol=1e-6)
    assert model.head.training
    # deterministic for a seed
    first = {k: v.clone() for k, v in labels.items()}
    hook.before_train_epoch(_Runner(model, dataset, epoch=0))
    assert all(torch.equal(first[k], model.head.atomic_labels[k])
               for k in first)
    # other epochs leave the labels alone
    model.head.atomic_labels = {}
    hook.before_train_epoch(_Runner(model, dataset, epoch=3))
    assert model.head.atomic_labels == {}


def test_too_few_sampled_clips(synthweak):
    dataset, head = _setup(synthweak, 500)
    hook = AtomicActionDiscoveryHook(sample_rate=0.1)
    with pytest.raises(ValueError, match='fewer than the 500 clusters'):
        hook.discover(head, dataset, 0)
