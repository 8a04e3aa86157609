# "No frame left behind" on Move4MNIST, from scratch on a 2-core CPU:
# uniform 8-frame sampling for the first epoch, then all 32 frames per
# video clustered into 8 groups; evaluation on 8 uniform frames.
_base_ = [
    '../_base_/models/full_video_tsm_r18.py',
    '../_base_/datasets/recognition/move4mnist.py',
    '../_base_/default_runtime.py'
]

max_epochs = 3
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_begin=1, val_interval=max_epochs)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=2e-3, weight_decay=1e-4),
    clip_grad=dict(max_norm=20, norm_type=2))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, eta_min=1e-5,
         by_epoch=True, convert_to_iter_based=True)
]
custom_hooks = [
    dict(type='FullVideoSamplingHook', switch_epoch=1,
         sampler=dict(type='SampleFrames', clip_len=32, frame_interval=1,
                      num_clips=1))
]
default_hooks = dict(
    logger=dict(interval=20),
    checkpoint=dict(interval=max_epochs, save_best='acc/top1',
                    rule='greater', max_keep_ckpts=1))
