# I3D-ResNet-50 as IBM's study builds it (its released Kinetics-400 and
# SSv2 models), on MMAction2's ResNet3d: every bottleneck's 3x3 conv
# inflated to 3x3x3 (`inflate_style='3x3x3'`), a 3x7x7 stem, no pool2 and
# no temporal striding (IBM's `--without_t_stride`; its `-ts` would be
# temporal_strides=(1, 2, 2, 2)). From ImageNet, the torchvision ResNet-50
# inflated.
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='ResNet3d',
        depth=50,
        pretrained='torchvision://resnet50',
        pretrained2d=True,
        conv1_kernel=(3, 7, 7),
        conv1_stride_t=1,
        pool1_stride_t=1,
        with_pool2=False,
        inflate=(1, 1, 1, 1),
        inflate_style='3x3x3',
        spatial_strides=(1, 2, 2, 2),
        temporal_strides=(1, 1, 1, 1),
        zero_init_residual=False,
        norm_eval=False),
    cls_head=dict(
        type='I3DHead',
        num_classes=400,
        in_channels=2048,
        spatial_type='avg',
        dropout_ratio=0.5,
        init_std=0.01,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))
