# HAAN on FineAction i3d_100 features (4096-d, 100 clips per video):
# 1024-wide encoder, 106 fine classes, max coarse pooling, dropout 0.3,
# lambda_4 = 1, KMeans on 3 % of the clips, 50 epochs; tIoU 0.5:0.05:0.95,
# proposal threshold alpha -0.8, kmax factor 4. FineAction's 65 segments
# with end <= start are dropped with a warning (keep_degenerate_segments
# restores the reference's handling).
_base_ = [
    '../_base_/models/haan_finegym.py',
    '../_base_/datasets/weak_localization/haan_finegym.py',
    '../_base_/schedules/haan_adam.py', '../_base_/localization_runtime.py'
]

ann_path = 'data/haan/FineAction'
fine_per_coarse = [10, 7, 6, 7, 7, 8, 5, 10, 7, 9, 8, 8, 10, 4]
model = dict(
    head=dict(
        in_channels=4096, embed_channels=1024, num_classes=106,
        fine_to_coarse=[
            c for c, n in enumerate(fine_per_coarse) for _ in range(n)
        ],
        coarse_pooling='max', dropout=0.3, loss_weights=(1.0, 0.001, 0.01,
                                                         1.0),
        test_cfg=dict(alpha=-0.8, kmax_mod_factor=4)))
pipeline = [
    dict(type='LoadClipFeatures', in_channels=4096),
    dict(type='PackWeakLocalizationInputs'),
]
dataset = dict(
    ann_path=ann_path, features=f'{ann_path}/FineAction_i3d_100.npy',
    num_classes=106, in_channels=4096, num_training_videos=8440,
    pipeline=pipeline)
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
tious = [0.5 + 0.05 * i for i in range(10)]
val_evaluator = dict(tiou_thresholds=tious)
test_evaluator = val_evaluator
max_epochs = 50
train_cfg = dict(max_epochs=max_epochs)
custom_hooks = [
    dict(type='AtomicActionDiscoveryHook', interval=5, sample_rate=0.03,
         n_init='auto', random_state=0)
]
randomness = dict(seed=1)
