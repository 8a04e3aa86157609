# TAM-InceptionV1 (IBM's study): a TAM after every stage of a per-frame
# InceptionV1, 8 segments, no temporal pooling.
googlenet = 'https://download.pytorch.org/models/googlenet-1378be20.pth'
model = dict(
    type='Recognizer2D',
    backbone=dict(
        type='InceptionV1TAM',
        num_segments=8,
        tam=dict(blending_frames=3, blending_method='sum', depthwise=True),
        temporal_pool=None,
        init_cfg=[
            dict(type='Kaiming', layer='Conv2d'),
            dict(type='Pretrained', checkpoint=googlenet)
        ]),
    cls_head=dict(
        type='TSNHead',
        num_classes=400,
        in_channels=1024,
        spatial_type='avg',
        consensus=dict(type='AvgConsensus', dim=1),
        dropout_ratio=0.5,
        init_std=0.001,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[127.5, 127.5, 127.5],
        std=[127.5, 127.5, 127.5],
        format_shape='NCHW'))
