# TSN-ResNet-50 (MMAction2's): per-frame ResNet, average over segments.
resnet50 = 'https://download.pytorch.org/models/resnet50-0676ba61.pth'
model = dict(
    type='Recognizer2D',
    backbone=dict(
        type='ResNet',
        depth=50,
        pretrained=resnet50,
        torchvision_pretrain=True,
        norm_eval=False),
    cls_head=dict(
        type='TSNHead',
        num_classes=400,
        in_channels=2048,
        spatial_type='avg',
        consensus=dict(type='AvgConsensus', dim=1),
        dropout_ratio=0.5,
        init_std=0.001,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCHW'))
