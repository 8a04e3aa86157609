# IBM's released K400 TAM-ResNet-50-f32 (top-1 76.18): the 2D TAM-R50 on
# 32 frames sampled densely (every 2nd, IBM's --dense_sampling with
# frames_per_group 2), no temporal pooling; 3 crops x 10 clips at test.
_base_ = [
    '../../_base_/models/tam_r50.py',
    '../../_base_/datasets/recognition/kinetics400.py',
    '../../_base_/schedules/sgd_cosine_50e.py',
    '../../_base_/default_runtime.py'
]
frames = 32
model = dict(
    backbone=dict(num_segments=frames),
    cls_head=dict(num_classes={{_base_.num_classes}}))


def dense(num_clips, crop, test_mode=True):
    """The 32x2 clips of a 2D model (frames stacked as segments)."""
    return [
        dict(type='SampleFrames', clip_len=frames, frame_interval=2,
             num_clips=num_clips, test_mode=test_mode),
        dict(type='RawFrameDecode'),
    ] + crop + [
        dict(type='FormatShape', input_format='NCHW'),
        dict(type='PackActionInputs')
    ]


train_dataloader = dict(
    batch_size=8,
    dataset=dict(pipeline=dense(1, [
        dict(type='RandomRescale', scale_range=(256, 320)),
        dict(type='RandomCrop', size=224),
        dict(type='Flip', flip_ratio=0.5)
    ], test_mode=False)))
val_dataloader = dict(dataset=dict(pipeline=dense(1, [
    dict(type='Resize', scale=(-1, 256)),
    dict(type='CenterCrop', crop_size=224)
])))
test_dataloader = dict(dataset=dict(pipeline=dense(10, [
    dict(type='Resize', scale=(-1, 256)),
    dict(type='ThreeCrop', crop_size=256)
])))
del dense
# 8 GPUs x 8 clips of 32 frames: lr 0.01 x 64/256
optim_wrapper = dict(optimizer=dict(lr=0.0025))
