# ActivityNet 1.3 with TSP features (512-d, 16-frame clips every 16 frames),
# each video resized to 192 steps; class-agnostic proposals (1 class);
# tIoU 0.5:0.95:0.05 on "validation".
_base_ = './localization_features.py'

data_root = 'data/activitynet'
ann_file = f'{data_root}/annotations/anet1.3_tsp_filtered.json'
feature_dir = f'{data_root}/tsp_features'
in_channels = 512
max_seq_len = 192
pipeline = [
    dict(type='LoadFeature', in_channels=in_channels, force_upsampling=True,
         resize_length=max_seq_len),
    dict(type='PackLocalizationFeatures'),
]
# Every ActivityNet label becomes "Action" (class-agnostic training).
dataset = dict(
    ann_file=ann_file, data_prefix=dict(feature=feature_dir), num_classes=1,
    feat_stride=16, num_frames=16, feature_prefix='v_',
    classes=None, missing_features='warn')
train_dataloader = dict(
    batch_size=16,
    dataset=dict(**dataset, subsets=['training'], pipeline=pipeline))
val_dataloader = dict(
    dataset=dict(**dataset, subsets=['validation'], pipeline=pipeline))
test_dataloader = val_dataloader
tious = [0.5 + 0.05 * i for i in range(10)]
val_evaluator = dict(ann_file=ann_file, subsets='validation',
                     tiou_thresholds=tious)
test_evaluator = val_evaluator
