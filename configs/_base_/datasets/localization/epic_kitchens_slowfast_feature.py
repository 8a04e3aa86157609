# EPIC-Kitchens 100 with the ActionFormer release's SlowFast features
# (2304-d, 32-frame clips every 16 frames at 30 fps, .npz), verb labels;
# tIoU 0.1:0.5:0.1 on "validation". The noun leaf swaps the annotation file
# and class count.
_base_ = './localization_features.py'

data_root = 'data/epic_kitchens'
ann_file = f'{data_root}/annotations/epic_kitchens_100_verb.json'
feature_dir = f'{data_root}/features'
in_channels = 2304
max_seq_len = 2304
train_pipeline = [
    dict(type='LoadFeature', in_channels=in_channels),
    dict(type='RandomFeatureTruncate', max_seq_len=max_seq_len,
         trunc_thresh=0.3, crop_ratio=(0.9, 1.0)),
    dict(type='PackLocalizationFeatures'),
]
test_pipeline = [
    dict(type='LoadFeature', in_channels=in_channels),
    dict(type='PackLocalizationFeatures'),
]
dataset = dict(
    ann_file=ann_file, data_prefix=dict(feature=feature_dir), num_classes=97,
    feat_stride=16, num_frames=32, default_fps=30, feature_ext='.npz')
train_dataloader = dict(
    dataset=dict(**dataset, subsets=['training'], pipeline=train_pipeline))
val_dataloader = dict(
    dataset=dict(**dataset, subsets=['validation'], pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=ann_file, subsets='validation',
                     tiou_thresholds=[0.1, 0.2, 0.3, 0.4, 0.5])
test_evaluator = val_evaluator
