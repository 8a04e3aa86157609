# Uniform sampling of 32 frames for 3D models on short, fine-grained clips
# (SSv2, Diving48, FineGym): one frame per segment; random short side in
# [256, 320] + 224 crop + flip for training (IBM's v2 augmentation), the
# centre crop for validation, 3 crops x 2 clips for testing. Use
# train_pipeline_no_flip for direction-sensitive labels (SSv2).
clip_len = 32
# Test samples keep their frame folder / file so pictures name them.
named_sample = ('img_shape', 'frame_dir', 'filename')
train_pipeline = [
    dict(type='UniformSample', clip_len=clip_len),
    dict(type='RawFrameDecode'),
    dict(type='RandomRescale', scale_range=(256, 320)),
    dict(type='RandomCrop', size=224),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_pipeline_no_flip = [t for t in train_pipeline if t['type'] != 'Flip']
val_pipeline = [
    dict(type='UniformSample', clip_len=clip_len, test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='CenterCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', meta_keys=named_sample)
]
test_pipeline = [
    dict(type='UniformSample', clip_len=clip_len, num_clips=2, test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='ThreeCrop', crop_size=256),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', meta_keys=named_sample)
]
