# Feature-based temporal action localization: one (T, C) file per video and
# an ActivityNet-style annotation JSON. Leaves set the paths, subsets,
# channel count and feature geometry.
data_root = 'data/thumos14'
ann_file = f'{data_root}/annotations/thumos14.json'
feature_dir = f'{data_root}/i3d_features'
in_channels = 2048
max_seq_len = 2304

train_pipeline = [
    dict(type='LoadFeature', in_channels=in_channels),
    dict(type='RandomFeatureTruncate', max_seq_len=max_seq_len,
         trunc_thresh=0.5, crop_ratio=(0.9, 1.0)),
    dict(type='PackLocalizationFeatures'),
]
test_pipeline = [
    dict(type='LoadFeature', in_channels=in_channels),
    dict(type='PackLocalizationFeatures'),
]
dataset = dict(
    type='FeatureLocalizationDataset',
    ann_file=ann_file,
    data_prefix=dict(feature=feature_dir),
    num_classes=20,
    feat_stride=4,
    num_frames=16)
train_dataloader = dict(
    batch_size=2,
    num_workers=4,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='ReproducibleSampler', shuffle=True),
    dataset=dict(**dataset, subsets=['validation'], pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **dataset, subsets=['test'], pipeline=test_pipeline, test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(
    type='TALDetectionMAP', ann_file=ann_file, subsets='test',
    tiou_thresholds=[0.3, 0.4, 0.5, 0.6, 0.7])
test_evaluator = val_evaluator
