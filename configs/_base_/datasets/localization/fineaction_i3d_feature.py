# FineAction (106 fine-grained classes) with 2048-d I3D features at the
# THUMOS geometry (16-frame clips every 4 frames), ActivityNet-style
# annotation JSON ("training"/"validation"); tIoU 0.5:0.95:0.05.
# Convert HAAN's FineAction npy annotations with tools/data/haan/ or use the
# official FineAction JSON with label_ids.
_base_ = './localization_features.py'

data_root = 'data/fineaction'
ann_file = f'{data_root}/annotations/fineaction.json'
feature_dir = f'{data_root}/i3d_features'
dataset = dict(
    ann_file=ann_file, data_prefix=dict(feature=feature_dir),
    num_classes=106, feat_stride=4, num_frames=16, default_fps=30)
train_dataloader = dict(
    dataset=dict(**dataset, subsets=['training']))
val_dataloader = dict(
    dataset=dict(**dataset, subsets=['validation']))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=ann_file, subsets='validation',
                     tiou_thresholds=[0.5 + 0.05 * i for i in range(10)])
test_evaluator = val_evaluator
