# F3Set clips for F3ED from frame folders <data_root>/frames/<video>/%06d.jpg
# (height 224): the reference's 96 frames at stride 2, 224 crops, batch 4,
# 500,000 raw frames' worth of windows per epoch (2604 clips). Files beside
# the splits: elements.txt, events.txt, element_groups.json
# (tools/data/f3set/prepare.py). Dataset files (f3set_tennis.py, ...) set
# data_root. No flips: they would swap forehand and backhand.
clip_len = 96
stride = 2
pad_len = 5
crop_size = 224
window = dict(clip_len=clip_len, stride=stride, pad_len=pad_len)

train_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='F3EDFrameTargets'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='RandomCrop', size=crop_size),
    dict(type='ClipColorJitter'),
    dict(type='ClipGaussianBlur'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackF3EDInputs'),
]
test_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='F3EDFrameTargets'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='CenterCrop', crop_size=crop_size),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackF3EDInputs'),
]

data = dict(
    type='F3SetDataset',
    data_root='data/f3set-tennis',
    data_prefix=dict(video='frames'),
    **window)

train_dataloader = dict(
    batch_size=4,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='ReproducibleSampler', shuffle=True),
    dataset=dict(
        **data, ann_file='train.json', pipeline=train_pipeline,
        num_train_clips=500_000 // (clip_len * stride)))
val_dataloader = dict(
    batch_size=4,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **data, ann_file='val.json', pipeline=test_pipeline,
        test_mode=True))
test_dataloader = dict(
    batch_size=4,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **data, ann_file='test.json', pipeline=test_pipeline,
        test_mode=True))

val_evaluator = dict(type='F3EDMetric', deltas=(0, 1, 2))
test_evaluator = val_evaluator
