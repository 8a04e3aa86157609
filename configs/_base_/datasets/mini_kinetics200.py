# Mini-Kinetics-200 of IBM's study: the 200 Kinetics-400 classes of
# ../shared/data/ibm/mini_kinetics400.txt, lists mini_{train,val}.txt made
# with IBM's tools/extract_videos_kinetics.py (';'-separated).
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
# The pipelines come from a _base_/datasets/sampling/ file (see
# configs/recognition/README.md).
data_root = 'data/mini_kinetics200'
num_classes = 200
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
    dataset=dict(
        **frame_list, ann_file=f'{data_root}/mini_train.txt', pipeline=[]))
val_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **frame_list,
        ann_file=f'{data_root}/mini_val.txt',
        pipeline=[],
        test_mode=True))
test_dataloader = dict(
    batch_size=1,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **frame_list,
        ann_file=f'{data_root}/mini_val.txt',
        pipeline=[],
        test_mode=True))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
