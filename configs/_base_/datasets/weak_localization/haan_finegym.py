# FineGym for HAAN: HAAN's annotation files (`python
# tools/data/prepare_annotations.py haan-finegym`) and its feature array
# FineGym_i3d_fps24.npy. The first 3775 events are training events, of
# which 10 % (seeded) are held out for model selection; the remaining 1193
# are the test split. tIoU 0.1:0.05:0.5.
ann_path = 'data/haan/FineGym'
features = 'data/haan/FineGym/FineGym_i3d_fps24.npy'
pipeline = [
    dict(type='LoadClipFeatures', in_channels=2048),
    dict(type='PackWeakLocalizationInputs'),
]
dataset = dict(
    type='HAANFeatureDataset', ann_path=ann_path, features=features,
    num_classes=99, num_coarse_classes=14, in_channels=2048,
    num_training_videos=3775, val_fraction=0.1, pipeline=pipeline)
train_dataloader = dict(
    batch_size=2, num_workers=2, persistent_workers=True,
    sampler=dict(type='ReproducibleSampler', shuffle=True),
    dataset=dict(**dataset, split='train'))
val_dataloader = dict(
    batch_size=1, num_workers=2, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**dataset, split='val', test_mode=True))
test_dataloader = dict(
    batch_size=1, num_workers=2, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**dataset, split='test', test_mode=True))
tious = [0.1 + 0.05 * i for i in range(9)]
# Ground truth comes with the samples (seconds); HAAN's evaluation keeps
# every segment (no ActivityNet de-duplication).
val_evaluator = dict(type='TALDetectionMAP', ann_file=None,
                     tiou_thresholds=tious, deduplicate=False)
test_evaluator = val_evaluator
