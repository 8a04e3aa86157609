# ActionFormer on FineAction I3D features. UNVALIDATED: the reference
# publishes no FineAction recipe (OpenTAD reports 19.3-19.6 avg mAP with
# VideoMAE features); this starts from the THUMOS14 recipe with
# ActivityNet-style tIoU 0.5:0.95.
_base_ = [
    '../_base_/models/actionformer_convtransformer.py',
    '../_base_/datasets/localization/fineaction_i3d_feature.py',
    '../_base_/schedules/actionformer_adamw_warmup_cosine.py',
    '../_base_/localization_runtime.py'
]

model = dict(head=dict(num_classes=106))
