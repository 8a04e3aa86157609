# F3AST sized for a CPU: a quarter-width 3D ResNet-18 (16 base channels)
# that keeps every input frame (no temporal striding; temporal convolutions
# in res4/res5), a FramewiseNeck, and a 128-wide F3AST head
# (d_model = min(768, 128)).
model = dict(
    type='F3AST',
    backbone_dims=3,
    backbone=dict(
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
    head=dict(
        type='F3ASTHead',
        in_channels=128,
        num_classes=None,
        clip_len=None,
        d_model=128,
        num_heads=8,
        ffn_channels=256,
        num_encoder_layers=1,
        num_decoder_layers=2,
        dropout=0.1,
        position_dropout=0.2,
        attention_bias=True,
        mask_ratio=0.15,
        decoder='best_first',
        beam_width=5,
        max_seq_len=30),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))
