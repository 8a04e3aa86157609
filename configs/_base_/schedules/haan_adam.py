# HAAN's schedule: Adam 3e-5, batch 2, constant learning rate; atomic
# actions re-discovered (KMeans) before every 5th epoch. Losses are summed
# over the videos of a batch.
max_epochs = 200
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(optimizer=dict(type='Adam', lr=3e-5))
param_scheduler = []
custom_hooks = [
    dict(type='AtomicActionDiscoveryHook', interval=5, sample_rate=0.1,
         n_init='auto', random_state=0)
]
