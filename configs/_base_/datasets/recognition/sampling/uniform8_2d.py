# TSN-style sampling for 2D models (TSN, TSM, TAM): 8 segments, one frame
# each; TSN multi-scale crops (1, .875, .75, .66) + flip for training, the
# centre crop for validation, 3 crops x 2 clips (IBM's SSv2 protocol) for
# testing. Use train_pipeline_no_flip for direction-sensitive labels (SSv2).
sampled_segments = 8
# Test samples keep their frame folder / file so pictures name them.
named_sample = ('img_shape', 'frame_dir', 'filename')
train_pipeline = [
    dict(
        type='SampleFrames',
        clip_len=1,
        frame_interval=1,
        num_clips=sampled_segments),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(
        type='MultiScaleCrop',
        input_size=224,
        scales=(1, 0.875, 0.75, 0.66),
        random_crop=False,
        max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs')
]
train_pipeline_no_flip = [t for t in train_pipeline if t['type'] != 'Flip']
val_pipeline = [
    dict(
        type='SampleFrames',
        clip_len=1,
        frame_interval=1,
        num_clips=sampled_segments,
        test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='CenterCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=named_sample)
]
test_pipeline = [
    dict(
        type='SampleFrames',
        clip_len=1,
        frame_interval=1,
        num_clips=sampled_segments,
        twice_sample=True,
        test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='ThreeCrop', crop_size=256),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=named_sample)
]
