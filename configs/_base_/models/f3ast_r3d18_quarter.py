# F3AST sized for a CPU: the F3AST model with a quarter-width 3D ResNet-18
# (16 base channels) that keeps every input frame (no temporal striding;
# temporal convolutions in res4/res5), a FramewiseNeck, and a 128-wide head
# (d_model = min(768, 128)).
_base_ = './f3ast_slowfast_r50.py'

model = dict(
    backbone=dict(
        _delete_=True,
        type='ResNet3d',
        depth=18,
        pretrained=None,
        pretrained2d=False,
        base_channels=16,
        inflate=(0, 0, 1, 1),
        conv1_kernel=(1, 7, 7),
        conv1_stride_t=1,
        pool1_stride_t=1,
        with_pool2=False,
        norm_eval=False),
    neck=dict(type='FramewiseNeck'),
    head=dict(in_channels=128, clip_len=None, d_model=128, ffn_channels=256))
