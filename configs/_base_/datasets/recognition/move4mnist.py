# Move4MNIST (tools/data/synthesize.py move4mnist --out data/move4mnist):
# 32 frames of 64 x 64 per video, list files "path num_frames label",
# frames {k}.jpg from 0. No flips: they would swap left and right.
data_root = 'data/move4mnist'
uniform_sampler = dict(type='SampleFrames', clip_len=1, frame_interval=1,
                       num_clips=8)
# Test samples keep their frame folder / file so pictures name them.
named_sample = ('img_shape', 'frame_dir', 'filename')
train_pipeline = [
    uniform_sampler,
    dict(type='RawFrameDecode'),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs'),
]
test_pipeline = [
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=8,
         test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=named_sample),
]
dataset = dict(type='ReproducibleRawframeDataset',
               data_prefix=dict(img=data_root),
               filename_tmpl='{}.jpg', start_index=0,
               metainfo=dict(classes=('left', 'right', 'up', 'down')))
train_dataloader = dict(
    batch_size=8, num_workers=2, persistent_workers=False,
    sampler=dict(type='ReproducibleSampler', shuffle=True),
    dataset=dict(**dataset,
                 ann_file=f'{data_root}/file_list/'
                 'movingmnist_rgb_train_split_1.txt',
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8, num_workers=2, persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**dataset,
                 ann_file=f'{data_root}/file_list/'
                 'movingmnist_rgb_val_split_1.txt',
                 pipeline=test_pipeline, test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
