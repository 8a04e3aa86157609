# ActionFormer on EPIC-Kitchens 100 verbs with SlowFast features
# (README: avg mAP 23.51 at tIoU 0.1:0.5): window 9, overlapping regression
# ranges, 16 + 5 warm-up epochs, up to 2000 detections per video.
_base_ = [
    '../_base_/models/actionformer_convtransformer.py',
    '../_base_/datasets/localization/epic_kitchens_slowfast_feature.py',
    '../_base_/schedules/actionformer_adamw_warmup_cosine.py',
    '../_base_/localization_runtime.py'
]

model = dict(
    backbone=dict(in_channels=2304, window_size=9),
    head=dict(
        num_classes=97,
        regression_ranges=((0, 4), (2, 8), (4, 16), (8, 32), (16, 64),
                           (32, 10000)),
        init_loss_norm=250,
        test_cfg=dict(pre_nms_topk=5000, max_seg_num=2000, sigma=0.4)))

warmup_epochs = 5
max_epochs = 21
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=1e-8, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True)
]
