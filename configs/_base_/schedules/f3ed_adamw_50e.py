# F3ED's recipe (train_f3set_f3ed.py): AdamW lr 1e-3, 3 linear warm-up
# epochs from 1 %, then cosine decay, 50 epochs of 651 steps (2604 windows
# of 96 x 2 frames, batch 4), mixed precision on GPU. Validation (the edit
# score) from epoch 30.
max_epochs = 50
warmup_epochs = 3
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=30,
    val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

optim_wrapper = dict(
    type='AmpOptimWrapper', optimizer=dict(type='AdamW', lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True)
]
auto_scale_lr = dict(enable=False, base_batch_size=4)
