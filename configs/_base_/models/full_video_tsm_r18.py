# TSM-ResNet-18 that sees every frame: stem + layer1 on all T frames,
# cumulative clustering into g = 8 groups after layer1, shifts (1/8 of the
# channels, residual) in layer2-4 over the g groups, TSM head averaging.
num_clusters = 8
model = dict(
    type='FullVideoRecognizer',
    backbone=dict(
        type='FullVideoResNetTSM',
        depth=18,
        num_clusters=num_clusters,
        clustering='cumulative',
        pretrained=None,
        pretrained2d=False,
        norm_eval=False,
        shift_div=8),
    cls_head=dict(
        type='TSMHead',
        num_classes=4,
        in_channels=512,
        num_segments=num_clusters,
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
