# UCF101 (Soomro et al., 2012), 101 classes, split 1, in MMAction2's rawframes
# layout (tools/data/ucf101 of MMAction2): img_{:05d}.jpg from 1, lists
# "path frames label". The pipelines come from a _base_/datasets/sampling/
# file.
data_root = 'data/ucf101'
num_classes = 101
rawframes = dict(
    type='RawframeDataset',
    data_prefix=dict(img=f'{data_root}/rawframes'),
    filename_tmpl='img_{:05d}.jpg',
    start_index=1)
train_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        **rawframes,
        ann_file=f'{data_root}/ucf101_train_split_1_rawframes.txt',
        pipeline=[]))
val_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **rawframes,
        ann_file=f'{data_root}/ucf101_val_split_1_rawframes.txt',
        pipeline=[],
        test_mode=True))
test_dataloader = dict(
    batch_size=1,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **rawframes,
        ann_file=f'{data_root}/ucf101_val_split_1_rawframes.txt',
        pipeline=[],
        test_mode=True))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
