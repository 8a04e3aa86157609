"""The F3AST configs of the four datasets build, take one training step
and predict on tiny random frames (their pipelines, SlowFast-R50 at 8
frames, a 30-frame video)."""
import json
import os
import os.path as osp
import shutil

import cv2
import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, MODELS
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.optim import OptimWrapper

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DATASETS_ = [('finetennis', 'finetennis'), ('badmintondb', 'badmintonDB'),
             ('finediving', 'finediving'), ('finegym', 'finegym')]


def _tiny_data(root, classes_file):
    os.makedirs(osp.join(root, 'frames', 'v1'))
    shutil.copy(classes_file, osp.join(root, 'classes.txt'))
    with open(classes_file) as f:
        names = [line.strip() for line in f if line.strip()][2:]
    rng = np.random.default_rng(0)
    for i in range(30):
        cv2.imwrite(osp.join(root, 'frames', 'v1', f'{i:06d}.jpg'),
                    rng.integers(0, 255, (240, 256, 3), dtype=np.uint8))
    record = dict(video='v1', num_frames=30,
                  events=[dict(frame=4, label=names[0]),
                          dict(frame=11, label=names[1])])
    for split in ('train', 'val', 'test'):
        with open(osp.join(root, f'{split}.json'), 'w') as f:
            json.dump([record], f)


@pytest.mark.parametrize('name,folder', DATASETS_,
                         ids=[d[0] for d in DATASETS_])
def test_one_iteration(tmp_path, annotation_data, name, folder):
    _tiny_data(str(tmp_path), f'{annotation_data}/f3ast/{folder}/classes.txt')
    cfg = Config.fromfile(osp.join(
        ROOT, 'configs', 'f3ast',
        f'f3ast_slowfast-r50_1xb4-128x3-50e_{name}-rgb.py'))
    assert cfg.model.head.clip_len == 128 and cfg.load_from.endswith('.pth')
    cfg.model.head.clip_len = 8
    cfg.model.head.max_queue = 40
    for loader in ('train_dataloader', 'test_dataloader'):
        dataset = cfg[loader].dataset
        dataset.update(data_root=str(tmp_path), clip_len=8, stride=3)
    train_set = DATASETS.build(cfg.train_dataloader.dataset)
    test_set = DATASETS.build(cfg.test_dataloader.dataset)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    optim = OptimWrapper(torch.optim.AdamW(model.parameters(), lr=5e-5))
    np.random.seed(0)
    losses = model.train_step(pseudo_collate([train_set[0]]), optim)
    assert set(losses) == {'loss', 'loss_seq', 'loss_attention'}
    assert torch.isfinite(losses['loss_seq'])
    model.eval()
    out = model.val_step(pseudo_collate([test_set[0]]))[0]
    assert out.pred_scores.shape == (len(out.pred_labels),
                                     cfg.model.head.num_classes)
    assert out.gt_sequence.tolist() == [0, 1]
