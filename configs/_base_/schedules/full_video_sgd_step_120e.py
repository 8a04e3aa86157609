# The "No frame left behind" schedule: SGD (momentum 0.9, weight decay
# 5e-4), lr x0.1 at epochs 50 and 100, gradients clipped at norm 20; g
# uniform frames for epochs 0-5, then a consecutive 32-frame run (the
# reference's "dense segments"; leaves override the sampler). Persistent
# workers would keep the first sampler.
max_epochs = 120
train_cfg = dict(
    type='EpochBasedTrainLoop',
    max_epochs=max_epochs,
    val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=5e-4),
    clip_grad=dict(max_norm=20, norm_type=2))
param_scheduler = [
    dict(
        type='MultiStepLR',
        begin=0,
        end=max_epochs,
        by_epoch=True,
        milestones=[50, 100],
        gamma=0.1)
]
custom_hooks = [
    dict(
        type='FullVideoSamplingHook',
        switch_epoch=6,
        sampler=dict(
            type='SampleFrames', clip_len=32, frame_interval=1, num_clips=1))
]
auto_scale_lr = dict(enable=False, base_batch_size=64)
