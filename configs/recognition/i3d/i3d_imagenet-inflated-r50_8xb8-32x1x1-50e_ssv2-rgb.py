# IBM's released SSv2 I3D-ResNet-50-f32: 32 uniformly sampled frames
# (IBM's frames_per_group 1), no temporal striding, 3 crops x 2 clips.
_base_ = [
    '../../_base_/models/i3d_r50.py',
    '../../_base_/datasets/recognition/ssv2.py',
    '../../_base_/datasets/recognition/sampling/uniform32_3d.py',
    '../../_base_/schedules/sgd_cosine_50e.py',
    '../../_base_/default_runtime.py'
]
# labels name directions (left/right), so no flips
model = dict(cls_head=dict(num_classes={{_base_.num_classes}}))
train_dataloader = dict(
    batch_size=8, dataset=dict(pipeline={{_base_.train_pipeline_no_flip}}))
val_dataloader = dict(dataset=dict(pipeline={{_base_.val_pipeline}}))
test_dataloader = dict(dataset=dict(pipeline={{_base_.test_pipeline}}))
# 8 GPUs x 8 clips: lr 0.01 x 64/256
optim_wrapper = dict(optimizer=dict(lr=0.0025))
