# sgd_cosine_50e.py over 75 epochs.
_base_ = ['./sgd_cosine_50e.py']
max_epochs = 75
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, eta_min=0, by_epoch=True,
         convert_to_iter_based=True)
]
