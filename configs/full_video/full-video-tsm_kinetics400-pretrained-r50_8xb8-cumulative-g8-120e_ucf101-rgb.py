_base_ = [
    '../_base_/models/full_video_tsm_r50.py',
    '../_base_/datasets/recognition/ucf101.py',
    '../_base_/datasets/recognition/sampling/uniform8_2d.py',
    '../_base_/schedules/full_video_sgd_step_120e.py',
    '../_base_/default_runtime.py'
]
model = dict(cls_head=dict(num_classes={{_base_.num_classes}}))
train_dataloader = dict(
    batch_size=8,
    persistent_workers=False,
    dataset=dict(pipeline={{_base_.train_pipeline}}))
val_dataloader = dict(dataset=dict(pipeline={{_base_.val_pipeline}}))
test_dataloader = dict(dataset=dict(pipeline={{_base_.test_pipeline}}))
# The paper fine-tunes a Kinetics-400 TSM-R50: MMAction2's public one (use
# a local path to train offline).
load_from = {{_base_.k400_tsm_r50}}
default_hooks = dict(revise_checkpoint_keys={{_base_.k400_tsm_r50_hook}})
