# "No frame left behind" with TSM-ResNet-50 (the paper's backbone): stem +
# layer1 on every frame, cumulative clustering into g groups after layer1,
# residual shifts (1/8 of the channels) in layer2-4 over the g groups.
resnet50 = 'https://download.pytorch.org/models/resnet50-0676ba61.pth'
num_clusters = 8
model = dict(
    type='FullVideoRecognizer',
    backbone=dict(
        type='FullVideoResNetTSM',
        depth=50,
        num_clusters=num_clusters,
        clustering='cumulative',
        pretrained=resnet50,
        torchvision_pretrain=True,
        norm_eval=False,
        shift_div=8),
    cls_head=dict(
        type='TSMHead',
        num_classes=400,
        in_channels=2048,
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
