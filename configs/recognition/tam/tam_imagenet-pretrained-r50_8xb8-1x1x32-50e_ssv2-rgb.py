# IBM's released SSv2 TAM-ResNet-50-f32: 32 segments of one frame
# (uniform sampling), no temporal pooling, 3 crops x 2 clips at test; the
# augmentation of uniform8_2d without flips (labels name directions).
_base_ = [
    '../../_base_/models/tam_r50.py',
    '../../_base_/datasets/recognition/ssv2.py',
    '../../_base_/schedules/sgd_cosine_50e.py',
    '../../_base_/default_runtime.py'
]
frames = 32
model = dict(
    backbone=dict(num_segments=frames),
    cls_head=dict(num_classes={{_base_.num_classes}}))


def segments(crop, test_mode=True, **sampling):
    """32 segments of one frame each."""
    return [
        dict(type='SampleFrames', clip_len=1, frame_interval=1,
             num_clips=frames, test_mode=test_mode, **sampling),
        dict(type='RawFrameDecode'),
        dict(type='Resize', scale=(-1, 256)),
    ] + crop + [
        dict(type='FormatShape', input_format='NCHW'),
        dict(type='PackActionInputs')
    ]


train_dataloader = dict(
    batch_size=8,
    dataset=dict(pipeline=segments([
        dict(type='MultiScaleCrop', input_size=224,
             scales=(1, 0.875, 0.75, 0.66), random_crop=False,
             max_wh_scale_gap=1),
        dict(type='Resize', scale=(224, 224), keep_ratio=False)
    ], test_mode=False)))
val_dataloader = dict(dataset=dict(
    pipeline=segments([dict(type='CenterCrop', crop_size=224)])))
test_dataloader = dict(dataset=dict(pipeline=segments(
    [dict(type='ThreeCrop', crop_size=256)], twice_sample=True)))
del segments
# 8 GPUs x 8 clips of 32 frames: lr 0.01 x 64/256
optim_wrapper = dict(optimizer=dict(lr=0.0025))
