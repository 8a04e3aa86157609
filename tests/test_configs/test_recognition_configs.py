"""The recognition zoo and full-video configs: classes, sampling and model
agree; every model family trains a step on tiny clips; the pipelines turn
IBM-layout frame folders into the clips the models expect."""
import glob
import os.path as osp

import cv2
import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, MODELS
from mmaction.structures import ActionDataSample
from mmengine.config import Config

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
ZOO = sorted(glob.glob(osp.join(ROOT, 'configs', 'recognition', '*', '*.py')))
FULL_VIDEO = sorted(glob.glob(osp.join(ROOT, 'configs', 'full_video',
                                       '*_8xb8-*.py')))
CLASSES = {'finegym99': 99, 'diving48': 48, 'mini-kinetics200': 200,
           'mini-ssv2-87': 87, 'kinetics400': 400, 'ssv2': 174,
           'sthv1': 174, 'breakfast': 10, 'ucf101': 101, 'hmdb51': 51}
DIRECTIONAL = ('ssv2', 'mini-ssv2-87', 'sthv1')


def dataset_of(path):
    return osp.basename(path).rsplit('_', 1)[1][:-len('-rgb.py')]


def sampler_frames(pipeline):
    sampler = pipeline[0]
    if sampler['type'] == 'UniformSample':
        return sampler['clip_len']
    return sampler['clip_len'] * sampler['num_clips']


def test_the_zoo_covers_every_model_and_dataset():
    families = {osp.basename(osp.dirname(p)) for p in ZOO}
    assert families == {'i3d', 'r2plus1d', 's3d', 'slowfast', 'tam', 'tsm',
                        'tsn'}
    for family in families:
        datasets = {dataset_of(p) for p in ZOO
                    if osp.basename(osp.dirname(p)) == family}
        assert {'finegym99', 'diving48', 'mini-kinetics200', 'mini-ssv2-87',
                'kinetics400', 'ssv2'} <= datasets
    assert {dataset_of(p) for p in FULL_VIDEO} == {
        'breakfast', 'sthv1', 'ssv2', 'ucf101', 'hmdb51'}


@pytest.mark.parametrize('path', ZOO + FULL_VIDEO,
                         ids=[osp.relpath(p, ROOT) for p in ZOO + FULL_VIDEO])
def test_classes_sampling_and_model_agree(path):
    cfg = Config.fromfile(path)
    name = dataset_of(path)
    assert cfg.model.cls_head.num_classes == CLASSES[name]
    train = cfg.train_dataloader.dataset
    if train.type == 'FrameListDataset':
        assert train.num_classes == CLASSES[name]
    flips = [t for t in train.pipeline if t['type'] == 'Flip']
    assert bool(flips) == (name not in DIRECTIONAL)
    val = cfg.val_dataloader.dataset.pipeline
    backbone = cfg.model.backbone
    if cfg.model.data_preprocessor.format_shape == 'NCHW':
        segments = backbone.get('num_clusters', backbone.get('num_segments'))
        frames = sampler_frames(val)
        assert frames == (segments or 8)
        if cfg.model.cls_head.type == 'TSMHead':
            assert cfg.model.cls_head.num_segments == frames
    else:
        assert sampler_frames(val) == 32
    if cfg.model.type == 'FullVideoRecognizer':
        assert cfg.train_dataloader.persistent_workers is False
        assert cfg.custom_hooks[0].switch_epoch == 6


def _step(cfg, shape):
    """One SGD step on random uint8 clips of ``shape`` per sample."""
    cfg.model.cls_head.num_classes = 3
    model = MODELS.build(cfg.model)
    model.train()
    samples = [ActionDataSample().set_gt_label(i) for i in range(2)]
    data = model.data_preprocessor(
        dict(inputs=[torch.randint(0, 255, shape, dtype=torch.uint8)
                     for _ in samples], data_samples=samples), True)
    losses = model(**data, mode='loss')
    loss = sum(v for k, v in losses.items() if 'loss' in k)
    assert torch.isfinite(loss)
    loss.backward()
    grads = [p.grad for p in model.parameters() if p.requires_grad]
    assert all(g is not None for g in grads)
    return model


FAMILIES = {
    'tsn': (8, 3, 64, 64), 'tsm': (8, 3, 64, 64), 'tam': (8, 3, 64, 64),
    'i3d': (1, 3, 32, 64, 64), 's3d': (1, 3, 32, 64, 64),
    'r2plus1d': (1, 3, 32, 64, 64), 'slowfast': (1, 3, 32, 64, 64),
}


@pytest.mark.parametrize('family', list(FAMILIES))
def test_every_model_family_trains_a_step(family):
    path = [p for p in ZOO if f'/{family}/' in p and 'diving48' in p][0]
    _step(Config.fromfile(path), FAMILIES[family])


def test_full_video_model_trains_on_all_frames_and_tests_on_g():
    path = [p for p in FULL_VIDEO if 'g16' in p and 'sthv1' in p][0]
    cfg = Config.fromfile(path)
    # 32 frames per video are clustered into 16 groups after layer1
    model = _step(cfg, (32, 3, 32, 32))
    assert model.backbone.num_clusters == 16
    model.eval()
    samples = [ActionDataSample() for _ in range(2)]
    with torch.no_grad():
        preds = model(torch.randn(2, 16, 3, 32, 32), samples, mode='predict')
    assert [p.pred_score.shape for p in preds] == [(3, )] * 2


@pytest.fixture(scope='module')
def frame_lists(tmp_path_factory):
    root = tmp_path_factory.mktemp('ibm')
    rng = np.random.default_rng(0)
    lines = []
    for video, frames in (('a', 40), ('b', 70)):
        folder = root / 'rawframes' / video
        folder.mkdir(parents=True)
        for k in range(1, frames + 1):
            cv2.imwrite(str(folder / f'{k:05d}.jpg'),
                        rng.integers(0, 255, (72, 96, 3), dtype=np.uint8))
        lines.append(f'{video} 1 {frames} {len(lines)}\n')
    (root / 'val.txt').write_text(''.join(lines))
    return root


@pytest.mark.parametrize('config,split,shape', [
    ('tam/tam_imagenet-pretrained-r50_8xb32-1x1x8-50e_diving48-rgb.py',
     'val', (8, 3, 224, 224)),
    ('tam/tam_imagenet-pretrained-r50_8xb32-1x1x8-50e_diving48-rgb.py',
     'test', (3 * 2 * 8, 3, 256, 256)),
    ('s3d/s3d_imagenet-inflated-inception-v1_8xb8-32x1x1-50e_diving48-rgb.py',
     'train', (1, 3, 32, 224, 224)),
    ('i3d/i3d_imagenet-inflated-inception-v1_8xb8-32x2x1-50e_kinetics400-'
     'rgb.py', 'test', (3 * 10, 3, 32, 256, 256)),
])
def test_pipelines_on_ibm_frame_folders(frame_lists, config, split, shape):
    cfg = Config.fromfile(osp.join(ROOT, 'configs', 'recognition', config))
    dataset_cfg = cfg[f'{split}_dataloader'].dataset
    dataset_cfg.ann_file = str(frame_lists / 'val.txt')
    dataset_cfg.data_prefix = dict(img=str(frame_lists / 'rawframes'))
    dataset = DATASETS.build(dataset_cfg)
    for index in range(len(dataset)):
        sample = dataset[index]
        assert tuple(sample['inputs'].shape) == shape
        assert sample['data_samples'].gt_label.item() == index
