_base_ = [
    '../_base_/models/full_video_tsm_r50.py',
    '../_base_/datasets/recognition/ssv2.py',
    '../_base_/datasets/recognition/sampling/uniform8_2d.py',
    '../_base_/schedules/full_video_sgd_step_120e.py',
    '../_base_/default_runtime.py'
]
# labels name directions (left/right), so no flips
model = dict(
    backbone=dict(clustering='slope'),
    cls_head=dict(num_classes={{_base_.num_classes}}))
train_dataloader = dict(
    batch_size=8,
    persistent_workers=False,
    dataset=dict(pipeline={{_base_.train_pipeline_no_flip}}))
val_dataloader = dict(dataset=dict(pipeline={{_base_.val_pipeline}}))
test_dataloader = dict(dataset=dict(pipeline={{_base_.test_pipeline}}))
