# F3ED (F3Set's event detector) with a TSM-ResNet50: temporal shift over
# the 96 frames of a clip, FramewiseNeck pools each frame (2048-d), then
# F3EDHead: BiGRU temporal module (768 = min(768, 2048) wide), event
# localizer with event weight 5, element classifier; no contextual module
# (its configs add one). The reference's 2D backbones are RegNetY with TSM;
# any MMAction2 2D backbone with temporal shift plugs in here.
k400_tsm = (
    'https://download.openmmlab.com/mmaction/v1.0/recognition/tsm/'
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb/'
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb_'
    '20220831-64d69186.pth')

model = dict(
    type='F3ED',
    backbone_dims=2,
    backbone=dict(
        type='ResNetTSM',
        depth=50,
        pretrained=None,
        num_segments=96,
        shift_div=8,
        norm_eval=True),
    neck=dict(type='FramewiseNeck'),
    head=dict(
        type='F3EDHead',
        in_channels=2048,
        num_elements=None,
        hidden_channels=768,
        temporal=dict(type='BiGRUTemporalNeck', num_layers=1, dropout=0.5),
        localizer=dict(type='FrameEventLocalizer', event_weight=5.0),
        classifier=dict(type='FrameElementClassifier'),
        nms_window=5),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))
