# TAM-ResNet-50 (bLVNet-TAM in IBM's study): a depthwise 3-frame temporal
# aggregation module at the input of every residual branch, 8 segments,
# no temporal pooling. ImageNet ResNet-50 loads with only the TAMs missing.
resnet50 = 'https://download.pytorch.org/models/resnet50-0676ba61.pth'
num_segments = 8
model = dict(
    type='Recognizer2D',
    backbone=dict(
        type='ResNetTAM',
        depth=50,
        num_segments=num_segments,
        tam=dict(blending_frames=3, blending_method='sum', depthwise=True),
        temporal_pool=None,
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
