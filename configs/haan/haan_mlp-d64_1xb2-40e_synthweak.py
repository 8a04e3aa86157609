# HAAN sized for a 2-core CPU on SynthWeak
# (tools/data/synthesize.py synthweak --out data/synthweak): 64-d features,
# 9 fine / 3 coarse classes, 24 atomic actions, Adam 3e-4, 40 epochs, the best
# validation checkpoint kept (longer training over-extends the segments).
_base_ = [
    '../_base_/models/haan_finegym.py',
    '../_base_/datasets/weak_localization/haan_finegym.py',
    '../_base_/schedules/haan_adam.py', '../_base_/localization_runtime.py'
]

root = 'data/synthweak'
model = dict(
    head=dict(
        in_channels=64, embed_channels=64, num_classes=9,
        num_coarse_classes=3,
        fine_to_coarse=[0, 0, 0, 1, 1, 1, 2, 2, 2],
        num_atomic_actions=24, dropout=0.3))
pipeline = [
    dict(type='LoadClipFeatures', in_channels=64),
    dict(type='PackWeakLocalizationInputs'),
]
dataset = dict(
    ann_path=root, features=f'{root}/features.npy', num_classes=9,
    num_coarse_classes=3, in_channels=64, num_training_videos=300,
    val_fraction=0.15, pipeline=pipeline)
train_dataloader = dict(num_workers=0, persistent_workers=False,
                        dataset=dataset)
val_dataloader = dict(num_workers=0, persistent_workers=False,
                      dataset=dataset)
test_dataloader = dict(num_workers=0, persistent_workers=False,
                       dataset=dataset)
max_epochs = 40
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
optim_wrapper = dict(optimizer=dict(lr=3e-4))
default_hooks = dict(checkpoint=dict(interval=40), logger=dict(interval=50))
