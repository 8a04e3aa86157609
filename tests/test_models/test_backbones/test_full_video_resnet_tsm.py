import pytest
import torch
from mmaction.models.backbones.resnet_tsm import TemporalShift
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample


def _recognizer(clustering='cumulative'):
    return MODELS.build(
        dict(
            type='FullVideoRecognizer',
            backbone=dict(
                type='FullVideoResNetTSM',
                depth=18,
                num_clusters=4,
                clustering=clustering,
                pretrained=None,
                pretrained2d=False,
                norm_eval=False),
            cls_head=dict(
                type='TSMHead',
                num_classes=4,
                in_channels=512,
                num_segments=4,
                is_shift=True,
                dropout_ratio=0.0),
            data_preprocessor=dict(
                type='ActionDataPreprocessor',
                mean=[127.5] * 3,
                std=[127.5] * 3,
                format_shape='NCHW')))


def test_shifts_only_after_the_clustering():
    backbone = _recognizer().backbone
    assert not any(
        isinstance(b.conv1.conv, TemporalShift) for b in backbone.layer1)
    assert all(
        isinstance(b.conv1.conv, TemporalShift)
        for name in ('layer2', 'layer3', 'layer4')
        for b in getattr(backbone, name))
    assert backbone.num_segments == 4


@pytest.mark.parametrize('clustering', ['cumulative', 'slope'])
def test_all_frames_train_and_every_frame_gets_gradient(clustering):
    torch.manual_seed(0)
    model = _recognizer(clustering)
    frames = torch.randn(2, 12, 3, 32, 32, requires_grad=True)
    samples = [
        ActionDataSample().set_gt_label(torch.tensor([i])) for i in range(2)
    ]
    # the stem sees 24 frames, layer2-4 see 2 x 4 groups
    seen = []
    model.backbone.layer2.register_forward_hook(
        lambda m, i, o: seen.append(i[0].shape[0]))
    losses = model(frames, samples, mode='loss')
    assert seen == [8]
    losses['loss_cls'].backward()
    per_frame = frames.grad.abs().flatten(2).sum(-1)
    assert (per_frame > 0).all()


def test_uniform_frames_pass_through():
    model = _recognizer()
    model.eval()
    x = torch.randn(8, 64, 8, 8)
    assert model.backbone.cluster(x, 4) is x
    # evaluation with two views of 4 frames stays per frame
    assert model.backbone.cluster(x, 8) is x
    model.train()
    assert model.backbone.cluster(x, 8).shape == (4, 64, 8, 8)
    # cluster_at_test: evaluation clusters all 8 frames, as training does
    model.eval()
    model.backbone.cluster_at_test = True
    with torch.no_grad():
        assert torch.equal(
            model.backbone.cluster(x, 8),
            model.train().backbone.cluster(x, 8))


def test_bad_arguments():
    with pytest.raises(ValueError, match='clustering must be one of'):
        MODELS.build(
            dict(
                type='FullVideoResNetTSM',
                depth=18,
                clustering='kmodes',
                pretrained2d=False))
    with pytest.raises(ValueError, match='num_segments'):
        MODELS.build(
            dict(
                type='FullVideoResNetTSM',
                depth=18,
                num_clusters=8,
                num_segments=16,
                pretrained2d=False))


def test_imagenet_resnet_loads_into_every_stage(torchvision_resnet18):
    path, weights = torchvision_resnet18
    backbone = MODELS.build(
        dict(
            type='FullVideoResNetTSM',
            depth=18,
            num_clusters=4,
            pretrained=path,
            pretrained2d=True))
    backbone.init_weights()
    # layer1 (unshifted, sees every frame) and a shifted later block
    assert torch.equal(backbone.layer1[0].conv1.conv.weight,
                       weights['layer1.0.conv1.weight'])
    assert torch.equal(backbone.layer3[1].conv1.conv.net.weight,
                       weights['layer3.1.conv1.weight'])
    assert torch.equal(backbone.conv1.bn.running_var,
                       weights['bn1.running_var'])
