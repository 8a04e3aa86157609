# ActionFormer (THUMOS14 I3D values): 2 embedding convs, 2 stride-1 and 5
# stride-2 local-attention blocks (window 19) -> 6 pyramid levels of 512
# channels, identity FPN with LayerNorm, 3-layer shared heads.
model = dict(
    type='ActionFormer',
    max_seq_len=2304,
    backbone=dict(
        type='ConvTransformerBackbone',
        in_channels=2048,
        embed_dims=512,
        num_heads=4,
        arch=(2, 2, 5),
        window_size=19,
        scale_factor=2,
        embed_kernel_size=3,
        embed_with_ln=True,
        drop=0.0,
        drop_path=0.1),
    neck=dict(
        type='FPNIdentity', in_channels=[512] * 6, out_channels=512,
        start_level=0, with_ln=True),
    head=dict(
        type='ActionFormerHead',
        num_classes=20,
        in_channels=512,
        feat_channels=512,
        strides=(1, 2, 4, 8, 16, 32),
        regression_ranges=((0, 4), (4, 8), (8, 16), (16, 32), (32, 64),
                           (64, 10000)),
        num_layers=3,
        kernel_size=3,
        with_ln=True,
        prior_prob=0.01,
        center_sample='radius',
        center_radius=1.5,
        loss_weight=1.0,
        init_loss_norm=100,
        label_smoothing=0.0))
# Decoding and NMS: DEFAULT_TEST_CFG of fga.models.heads.actionformer_head
# (the release's THUMOS14 values); configs override single keys of
# model.head.test_cfg.
