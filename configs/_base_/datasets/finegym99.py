# FineGym99 element-level recognition (Shao et al., CVPR 2020), 99
# element classes; frames and lists from tools/data/finegym/prepare_gym99.py.
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
# The pipelines come from a _base_/datasets/sampling/ file (see
# configs/recognition/README.md).
data_root = 'data/finegym99'
num_classes = 99
frame_list = dict(
    type='FrameListDataset',
    num_classes=num_classes,
    data_prefix=dict(img=f'{data_root}/rawframes'),
    min_frames=0)
train_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**frame_list, ann_file=f'{data_root}/train.txt', pipeline=[]))
val_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **frame_list,
        ann_file=f'{data_root}/val.txt',
        pipeline=[],
        test_mode=True))
test_dataloader = dict(
    batch_size=1,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **frame_list,
        ann_file=f'{data_root}/val.txt',
        pipeline=[],
        test_mode=True))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
