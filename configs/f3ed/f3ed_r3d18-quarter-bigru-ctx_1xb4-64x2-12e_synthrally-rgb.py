# F3ED on SynthRally's F3Set view, trained from scratch on a 2-core CPU:
# the CPU recipe, with the contextual module (README.md has its figures).
_base_ = [
    '../_base_/models/f3ed_r3d18_quarter.py',
    '../_base_/datasets/f3set/synthrally_f3set.py',
    '../_base_/schedules/adamw_cosine_short.py', '../_base_/f3ed_runtime.py'
]

model = dict(
    head=dict(
        num_elements=15,
        context=dict(type='EventContextModule', hidden_channels=32)))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
# 12 epochs of 100 steps; validation only at the end to save CPU time.
max_epochs = 12
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - 1, eta_min=1e-5,
         by_epoch=True, begin=1, end=max_epochs, convert_to_iter_based=True)
]
