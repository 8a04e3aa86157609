# ActionFormer on ActivityNet 1.3 TSP features: class-agnostic proposals on
# videos resized to 192 steps, 256-wide model with absolute positions and
# global attention on the coarsest level. As in the paper (36.56 average
# mAP at tIoU 0.5:0.95), the evaluation labels the proposals with external
# video-level classification scores (CUHK 2017, the release's
# cuhk_val_simp_share.json, not shipped: download it with the release's
# annotations): each of a video's 200 best proposals is repeated for its
# top-2 classes, scored sqrt(class x proposal). Set
# val_evaluator.external_scores=None and class_agnostic=True for
# proposal-level mAP.
_base_ = [
    '../_base_/models/actionformer_convtransformer.py',
    '../_base_/datasets/localization/activitynet_tsp_feature.py',
    '../_base_/schedules/actionformer_adamw_warmup_cosine.py',
    '../_base_/localization_runtime.py'
]

model = dict(
    max_seq_len=192,
    backbone=dict(
        in_channels=512, embed_dims=256, window_size=[7, 7, 7, 7, 7, -1],
        use_abs_pe=True, max_len=192),
    neck=dict(in_channels=[256] * 6, out_channels=256),
    head=dict(
        num_classes=1, in_channels=256, feat_channels=256, loss_weight=2.0,
        init_loss_norm=200, label_smoothing=0.1,
        test_cfg=dict(
            duration_thresh=0.001, max_seg_num=100, multiclass_nms=False,
            sigma=0.75, voting_thresh=0.9)))
train_dataloader = dict(dataset=dict(class_agnostic=True))
val_dataloader = dict(dataset=dict(class_agnostic=True))
test_dataloader = val_dataloader
val_evaluator = dict(
    class_agnostic=False,
    external_scores=dict(
        file='data/activitynet/annotations/cuhk_val_simp_share.json',
        topk=2, num_pred=200))
test_evaluator = val_evaluator

warmup_epochs = 5
max_epochs = 15
train_cfg = dict(max_epochs=max_epochs)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=1e-8, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True)
]
auto_scale_lr = dict(base_batch_size=16)
