# ActionFormer on THUMOS14 I3D features, the reference recipe
# (README: mAP 82.13/77.80/70.95/59.40/43.87 at tIoU 0.3:0.7, avg 66.83).
_base_ = [
    '../_base_/models/actionformer_convtransformer.py',
    '../_base_/datasets/localization/thumos14_i3d_feature.py',
    '../_base_/schedules/actionformer_adamw_warmup_cosine.py',
    '../_base_/localization_runtime.py'
]

# The release's THUMOS14 post-processing: multi-class Gaussian Soft-NMS
# (sigma 0.5), at most 200 segments per video.
model = dict(
    head=dict(
        test_cfg=dict(
            nms_method='soft', multiclass_nms=True, sigma=0.5,
            max_seg_num=200)))
# External video-level scores (the release's commented-out ext_score_file,
# UntrimmedNet's) are off: THUMOS14 trains all 20 classes. To fuse them,
# give a JSON file {"results": {video: [20 scores]}, "class": [...]} as
# val_evaluator.external_scores=dict(file=..., topk=2) with
# class_agnostic=False (the release's .pkl must be converted to JSON:
# fga reads no pickles).
val_evaluator = dict(external_scores=None)
test_evaluator = val_evaluator
