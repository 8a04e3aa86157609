# Ablation: a TSM-ResNet50 (2D, temporal shift over the 128 frames) in place
# of SlowFast; FramewiseNeck pools each frame's map, giving 2048-d per frame.
_base_ = ['./f3ast_slowfast-r50_1xb4-128x3-50e_finetennis-rgb.py']

k400_tsm = (
    'https://download.openmmlab.com/mmaction/v1.0/recognition/tsm/'
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb/'
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb_'
    '20220831-64d69186.pth')

model = dict(
    backbone_dims=2,
    backbone=dict(
        _delete_=True,
        type='ResNetTSM',
        depth=50,
        pretrained=None,
        num_segments=128,
        shift_div=8,
        norm_eval=True),
    neck=dict(type='FramewiseNeck'),
    head=dict(in_channels=2048))
load_from = k400_tsm
