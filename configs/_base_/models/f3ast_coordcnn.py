# F3AST sized for a CPU, for small rendered frames: a per-frame 2D CNN with
# coordinate channels (CoordCNN: a stride-4 patch stem, then stride 8, so a
# 64 x 96 frame gives an 8 x 12 map of 48 channels), a TemporalConvNeck
# that turns each channel into a keypoint and a strength (spatial
# soft-argmax: where the racket, the ball, the bounce and each player are)
# and mixes neighbouring frames (two kernels of 9 reach the bounce 3-5
# sampled frames after a hit from the frames around it), and a 128-wide
# F3ASTHead.
_base_ = './f3ast_slowfast_r50.py'

model = dict(
    backbone_dims=2,
    backbone=dict(
        _delete_=True, type='CoordCNN', channels=(32, 48),
        convs_per_stage=2, stem_stride=4),
    neck=dict(
        _delete_=True, type='TemporalConvNeck', in_channels=3 * 48,
        out_channels=128, kernel_size=9, num_layers=2,
        spatial='soft_argmax'),
    head=dict(in_channels=128, clip_len=None, d_model=128, ffn_channels=256),
    data_preprocessor=dict(format_shape='NCTHW'))
