# TSM-ResNet-50 (MMAction2's ResNetTSM): 1/8 of the channels shifted in
# every residual branch, 8 segments.
resnet50 = 'https://download.pytorch.org/models/resnet50-0676ba61.pth'
num_segments = 8
model = dict(
    type='Recognizer2D',
    backbone=dict(
        type='ResNetTSM',
        depth=50,
        pretrained=resnet50,
        torchvision_pretrain=True,
        num_segments=num_segments,
        shift_div=8,
        norm_eval=False),
    cls_head=dict(
        type='TSMHead',
        num_classes=400,
        in_channels=2048,
        num_segments=num_segments,
        spatial_type='avg',
        consensus=dict(type='AvgConsensus', dim=1),
        dropout_ratio=0.5,
        init_std=0.001,
        is_shift=True,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCHW'))
