# TAM-ResNet-50 (bLVNet-TAM in IBM's study): TSN-R50 with a depthwise 3-frame
# temporal aggregation module at the input of every residual branch,
# 8 segments, no temporal pooling. ImageNet ResNet-50 loads with only the
# TAMs missing.
_base_ = ['./tsn_r50.py']
num_segments = 8
model = dict(
    backbone=dict(
        type='ResNetTAM',
        num_segments=num_segments,
        tam=dict(blending_frames=3, blending_method='sum', depthwise=True),
        temporal_pool=None))
