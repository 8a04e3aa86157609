# TSM-ResNet-50 (MMAction2's ResNetTSM): TSN-R50 with 1/8 of the channels
# shifted in every residual branch, 8 segments.
_base_ = ['./tsn_r50.py']
num_segments = 8
model = dict(
    backbone=dict(type='ResNetTSM', num_segments=num_segments, shift_div=8),
    cls_head=dict(type='TSMHead', num_segments=num_segments, is_shift=True))
