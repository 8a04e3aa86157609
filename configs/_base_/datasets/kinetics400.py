# Kinetics-400 in IBM's list format (';'-separated), frames from
# IBM's tools/extract_videos_kinetics.py.
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
# The pipelines come from a _base_/datasets/sampling/ file (see
# configs/recognition/README.md).
data_root = 'data/kinetics400'
num_classes = 400
frame_list = dict(
    type='FrameListDataset',
    num_classes=num_classes,
    data_prefix=dict(img=f'{data_root}/rawframes'),
    min_frames=30)
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
