# ActionFormer's THUMOS14 schedule: AdamW 1e-4 (weight decay 0.05 on conv
# and linear weights only), 5 linear warm-up epochs then 30 cosine epochs to
# 1e-8, updated per iteration; gradient clipping at L2 norm 1; weight EMA
# (momentum 0.001) used for evaluation.
warmup_epochs = 5
max_epochs = 35
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

# CompactLogOptimWrapperConstructor: MMEngine's default groups, logged in
# one line instead of one line per parameter.
optim_wrapper = dict(
    constructor='CompactLogOptimWrapperConstructor',
    optimizer=dict(
        type='AdamW', lr=1e-4, betas=(0.9, 0.999), weight_decay=0.05),
    clip_grad=dict(max_norm=1.0, norm_type=2),
    # No decay on biases, LayerNorms ('norm', 'ln1', 'ln2') and the
    # per-level / drop-path scales, as the reference's parameter groups.
    paramwise_cfg=dict(
        bias_decay_mult=0.0,
        custom_keys={
            'norm': dict(decay_mult=0.0),
            '.ln1.': dict(decay_mult=0.0),
            '.ln2.': dict(decay_mult=0.0),
            'scale': dict(decay_mult=0.0)
        }))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=1e-8, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True)
]
custom_hooks = [
    dict(type='EMAHook', ema_type='ExponentialMovingAverage', momentum=0.001)
]
# The reference multiplies lr by the number of GPUs (linear scaling from a
# batch of 2); enable with --auto-scale-lr.
auto_scale_lr = dict(enable=False, base_batch_size=2)
