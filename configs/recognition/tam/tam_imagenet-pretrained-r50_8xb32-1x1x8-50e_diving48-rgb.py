_base_ = [
    '../../_base_/models/tam_r50.py',
    '../../_base_/datasets/recognition/diving48.py',
    '../../_base_/datasets/recognition/sampling/uniform8_2d.py',
    '../../_base_/schedules/sgd_cosine_50e.py',
    '../../_base_/default_runtime.py'
]
model = dict(cls_head=dict(num_classes={{_base_.num_classes}}))
train_dataloader = dict(
    batch_size=32, dataset=dict(pipeline={{_base_.train_pipeline}}))
val_dataloader = dict(dataset=dict(pipeline={{_base_.val_pipeline}}))
test_dataloader = dict(dataset=dict(pipeline={{_base_.test_pipeline}}))
