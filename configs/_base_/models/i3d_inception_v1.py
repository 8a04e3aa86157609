# I3D on InceptionV1 (IBM's study): 3D InceptionV1 inflated from ImageNet
# GoogLeNet (kernels repeated, not divided), no temporal striding (the
# published results), spatio-temporal average + dropout + FC.
googlenet = 'https://download.pytorch.org/models/googlenet-1378be20.pth'
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='I3DInception',
        temporal_stride=False,
        pretrained2d=googlenet,
        inflate_divide=False),
    cls_head=dict(
        type='I3DHead',
        num_classes=400,
        in_channels=1024,
        spatial_type='avg',
        dropout_ratio=0.5,
        init_std=0.01,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[127.5, 127.5, 127.5],
        std=[127.5, 127.5, 127.5],
        format_shape='NCTHW'))
