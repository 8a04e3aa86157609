# Event-spotting baseline (E2E-Spot style): a half-width 3D ResNet-18 that
# keeps every input frame (no temporal striding), a bidirectional GRU and a
# per-frame classifier over background + classes.
model = dict(
    type='FramewiseRecognizer',
    backbone_dims=3,
    backbone=dict(
        type='ResNet3d',
        depth=18,
        pretrained=None,
        pretrained2d=False,
        base_channels=32,
        inflate=(0, 0, 1, 1),
        conv1_kernel=(1, 7, 7),
        conv1_stride_t=1,
        pool1_stride_t=1,
        with_pool2=False,
        norm_eval=False),
    neck=dict(type='FramewiseNeck'),
    head=dict(
        type='FramewiseSpottingHead',
        in_channels=256,
        num_classes=None,
        hidden_channels=128,
        fg_weight=5.0,
        dilation=1),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))
