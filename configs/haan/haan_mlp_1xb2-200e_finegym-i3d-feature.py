# HAAN on FineGym (weakly supervised; model selection on a held-out 10 % of
# the training events, never on test as the reference did).
_base_ = [
    '../_base_/models/haan_finegym.py',
    '../_base_/datasets/weak_localization/haan_finegym.py',
    '../_base_/schedules/haan_adam.py', '../_base_/localization_runtime.py'
]
randomness = dict(seed=1)
