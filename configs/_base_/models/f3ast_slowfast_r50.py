# F3AST with SlowFast-R50 (f3ast.md section 6): res5 keeps spatial stride 1
# on both pathways, the fast pathway sees all 128 frames and the slow one
# every fourth; SlowFastFramewiseNeck gives 2304-d per frame. BatchNorm
# statistics are frozen (norm_eval), affine parameters train. Configs start
# the backbone from MMAction2's Kinetics-400 SlowFast-R50 (8x8x1) checkpoint
# with `load_from = {{_base_.k400_slowfast}}` (its `backbone.*` keys match;
# the classifier is skipped); use a local path to train offline.
k400_slowfast = (
    'https://download.openmmlab.com/mmaction/recognition/slowfast/'
    'slowfast_r50_8x8x1_256e_kinetics400_rgb/'
    'slowfast_r50_8x8x1_256e_kinetics400_rgb_20200716-73547d2b.pth')

model = dict(
    type='F3AST',
    backbone_dims=3,
    backbone=dict(
        type='ResNet3dSlowFast',
        pretrained=None,
        resample_rate=4,
        speed_ratio=4,
        channel_ratio=8,
        slow_pathway=dict(
            type='resnet3d',
            depth=50,
            pretrained=None,
            lateral=True,
            fusion_kernel=7,
            conv1_kernel=(1, 7, 7),
            dilations=(1, 1, 1, 1),
            conv1_stride_t=1,
            pool1_stride_t=1,
            inflate=(0, 0, 1, 1),
            spatial_strides=(1, 2, 2, 1),
            norm_eval=True),
        fast_pathway=dict(
            type='resnet3d',
            depth=50,
            pretrained=None,
            lateral=False,
            base_channels=8,
            conv1_kernel=(5, 7, 7),
            conv1_stride_t=1,
            pool1_stride_t=1,
            spatial_strides=(1, 2, 2, 1),
            norm_eval=True)),
    neck=dict(type='SlowFastFramewiseNeck'),
    head=dict(
        type='F3ASTHead',
        in_channels=2304,
        num_classes=None,
        clip_len=128,
        d_model=768,
        num_heads=8,
        ffn_channels=1024,
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
