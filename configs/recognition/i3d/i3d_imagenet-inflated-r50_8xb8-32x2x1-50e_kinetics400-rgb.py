# IBM's released K400 I3D-ResNet-50-f32 (top-1 76.61, 3 crops x 10 clips):
# 32 frames every 2nd, no temporal striding. Its checkpoint converts with
# tools/convert/ibm_to_fga.py --config <this file>.
_base_ = [
    '../../_base_/models/i3d_r50.py',
    '../../_base_/datasets/recognition/kinetics400.py',
    '../../_base_/datasets/recognition/sampling/dense32x2_3d.py',
    '../../_base_/schedules/sgd_cosine_50e.py',
    '../../_base_/default_runtime.py'
]
model = dict(cls_head=dict(num_classes={{_base_.num_classes}}))
train_dataloader = dict(
    batch_size=8, dataset=dict(pipeline={{_base_.train_pipeline}}))
val_dataloader = dict(dataset=dict(pipeline={{_base_.val_pipeline}}))
test_dataloader = dict(dataset=dict(pipeline={{_base_.test_pipeline}}))
# 8 GPUs x 8 clips: lr 0.01 x 64/256
optim_wrapper = dict(optimizer=dict(lr=0.0025))
