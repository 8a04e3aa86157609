# SynthFeat (tools/data/synthesize.py synthfeat --out data/synthfeat):
# THUMOS-like 32-d features, 8 classes, videos of 160-560 steps;
# train on "train", select on "val", report on "test"; tIoU 0.3:0.7:0.1.
_base_ = './localization_features.py'

data_root = 'data/synthfeat'
ann_file = f'{data_root}/annotations.json'
feature_dir = f'{data_root}/features'
in_channels = 32
max_seq_len = 576
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
    ann_file=ann_file, data_prefix=dict(feature=feature_dir), num_classes=8)
train_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(**dataset, subsets=['train'], pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(**dataset, subsets=['val'], pipeline=test_pipeline))
test_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(
        **dataset, subsets=['test'], pipeline=test_pipeline, test_mode=True))
val_evaluator = dict(ann_file=ann_file, subsets='val')
test_evaluator = dict(
    type='TALDetectionMAP', ann_file=ann_file, subsets='test',
    tiou_thresholds=[0.3, 0.4, 0.5, 0.6, 0.7])
