# Breakfast (Kuehne et al., CVPR 2014), 10 breakfast activities, long
# videos; lists "path 1 frames label" of split s1 (train.txt / val.txt).
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
# The pipelines come from a _base_/datasets/sampling/ file (see
# configs/recognition/README.md).
data_root = 'data/breakfast'
num_classes = 10
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
