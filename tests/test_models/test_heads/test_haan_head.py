import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.structures import InstanceData


def _head(**kwargs):
    cfg = dict(type='HAANHead', in_channels=16, embed_channels=12,
               num_classes=6, num_coarse_classes=2,
               fine_to_coarse=[0, 0, 0, 1, 1, 1], num_atomic_actions=8,
               num_top_concepts=3, dropout=0.0)
    cfg.update(kwargs)
    return MODELS.build(cfg)


@pytest.mark.parametrize('dims,classes,expected', [
    ((2048, 2048), 99, (8_392_704, 4_399_203, 5_220_852, 4_198_401)),
    ((4096, 1024), 106, (5_244_928, 1_158_250, 1_562_100, 1_050_625)),
])
def test_reference_sizes(dims, classes, expected):
    head = MODELS.build(dict(
        type='HAANHead', in_channels=dims[0], embed_channels=dims[1],
        num_classes=classes, num_coarse_classes=14,
        fine_to_coarse=[i * 14 // classes for i in range(classes)]))
    sizes = tuple(sum(p.numel() for p in m.parameters()) for m in (
        head.encoder, head.fine_level_classifier,
        head.pseudo_label_classifier, head.coarse_level_classifier))
    assert sizes == expected
    assert 'encoder.hidden_layer.weight' in head.state_dict()


def _sample(index, fine, coarse):
    sample = ActionDataSample()
    sample.fine_labels = torch.tensor(fine, dtype=torch.float32)
    sample.fine_weights = torch.ones(6)
    sample.coarse_labels = torch.tensor(coarse, dtype=torch.float32)
    sample.coarse_weights = torch.ones(2)
    sample.set_metainfo(dict(video_index=index, video_id=f'v{index}'))
    return sample


def _valid(*lengths):
    return torch.arange(max(lengths))[None] < torch.tensor(lengths)[:, None]


def test_losses_match_a_direct_computation():
    torch.manual_seed(0)
    head = _head()
    feats = torch.randn(1, 10, 16)
    assignment = torch.tensor([0, 0, 1, 2, 2, 2, 5, 5, 7, 7])
    head.set_atomic_labels({3: assignment.numpy()}, np.full(8, 0.125))
    sample = _sample(3, [1, 0, 0, 0, 1, 0], [1, 1])
    losses = head.loss(feats, [sample], valid_mask=_valid(10))
    # direct computation
    encoded = head.encoder(feats[0])[1]
    hidden, cas = head.fine_level_classifier(encoded)
    pooled = torch.stack([
        cas[:, c][cas[:, c] >= cas[:, c].mean()].mean() for c in range(6)
    ])
    mil = F.binary_cross_entropy_with_logits(pooled, sample.fine_labels)
    pseudo = F.cross_entropy(head.pseudo_label_classifier(encoded)[1],
                             assignment) / 10
    torch.testing.assert_close(losses['loss_mil'], mil)
    torch.testing.assert_close(losses['loss_pseudo'], 0.001 * pseudo)
    assert set(losses) == {'loss_mil', 'loss_pseudo', 'loss_concept',
                           'loss_coarse'}
    sum(losses.values()).backward()
    assert head.encoder.hidden_layer.weight.grad.abs().sum() > 0


def test_missing_pseudo_labels_and_the_mil_baseline():
    head = _head()
    with pytest.raises(RuntimeError, match='AtomicActionDiscoveryHook'):
        head.loss(torch.randn(1, 5, 16), [_sample(0, [1] * 6, [1, 1])],
                  valid_mask=_valid(5))
    baseline = _head(loss_weights=(1, 0, 0, 0))
    losses = baseline.loss(torch.randn(2, 5, 16), [
        _sample(0, [1, 0, 0, 0, 0, 0], [1, 0]),
        _sample(1, [0, 0, 0, 0, 0, 1], [0, 1])
    ], valid_mask=_valid(5, 3))
    assert set(losses) == {'loss_mil'}


def test_bad_hierarchy():
    with pytest.raises(ValueError, match='maps 3 fine classes'):
        _head(fine_to_coarse=[0, 0, 1])
    with pytest.raises(ValueError, match='coarse id 5'):
        _head(fine_to_coarse=[0, 0, 0, 1, 1, 5])


def test_localizer_predicts_segments_in_seconds():
    torch.manual_seed(0)
    model = MODELS.build(dict(type='HAAN', head=dict(
        type='HAANHead', in_channels=16, embed_channels=12, num_classes=6,
        num_coarse_classes=2, fine_to_coarse=[0, 0, 0, 1, 1, 1],
        num_atomic_actions=8, num_top_concepts=3,
        test_cfg=dict(alpha=0.0, kmax_mod_factor=2, max_segments=5,
                      nms_iou=0.5))))
    model.eval()
    sample = ActionDataSample()
    sample.gt_instances = InstanceData(segments=torch.zeros(0, 2),
                                       labels=torch.zeros(0).long())
    sample.set_metainfo(dict(video_id='v', video_index=0, sec2clip=1.5))
    with torch.no_grad():
        out = model([torch.randn(30, 16)], [sample], mode='predict')
    pred = out[0].pred_instances
    assert len(pred.scores) <= 5
    assert pred.segments.max() <= 30 / 1.5
    with torch.no_grad():
        cas = model([torch.randn(30, 16)], mode='tensor')
    assert cas.shape == (1, 30, 6)


def test_fine_to_coarse_from_a_json_file(tmp_path):
    import json

    from fga.annotations import AnnotationError
    path = tmp_path / 'fine_to_coarse_mappings.json'
    path.write_text(json.dumps({str(i): i // 3 for i in range(6)}))
    head = _head(fine_to_coarse=str(path))
    assert head.fine_to_coarse.tolist() == [0, 0, 0, 1, 1, 1]
    path.write_text(json.dumps({'0': 0, '1': 0, '3': 1}))
    with pytest.raises(AnnotationError,
                       match='mappings.json.*fine class 2 has no coarse id'):
        _head(fine_to_coarse=str(path))
    path.write_text('[0, 0, "one"]')
    with pytest.raises(AnnotationError, match='mappings.json.*integer'):
        _head(fine_to_coarse=str(path))
