# F3AST clips from frame folders <data_root>/frames/<video>/%06d.jpg (height
# 224): 128 frames at stride 3, 224 crops, batch 4 (f3ast.md section 5).
# Dataset files (finetennis.py, ...) set the dataset type and data_root.
clip_len = 128
stride = 3
pad_len = 5
crop_size = 224

window = dict(clip_len=clip_len, stride=stride, pad_len=pad_len)

train_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='RandomCrop', size=crop_size),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='ClipColorJitter'),
    dict(type='ClipGaussianBlur'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackEventSequenceInputs'),
]
test_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='CenterCrop', crop_size=crop_size),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackEventSequenceInputs'),
]

dataset_type = 'EventSequenceDataset'
data_root = 'data/finetennis'
data = dict(
    type=dataset_type,
    data_root=data_root,
    classes_file='classes.txt',
    data_prefix=dict(video='frames'),
    **window)

train_dataloader = dict(
    batch_size=4,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='ReproducibleSampler', shuffle=True),
    dataset=dict(**data, ann_file='train.json', pipeline=train_pipeline))
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

val_evaluator = dict(type='SequenceMetric')
test_evaluator = val_evaluator
