_base_ = [
    '../_base_/models/full_video_tsm_r50.py',
    '../_base_/datasets/recognition/breakfast.py',
    '../_base_/datasets/recognition/sampling/uniform16_2d.py',
    '../_base_/schedules/full_video_sgd_step_120e.py',
    '../_base_/default_runtime.py'
]
model = dict(
    backbone=dict(num_clusters=16),
    cls_head=dict(num_classes={{_base_.num_classes}}, num_segments=16))
train_dataloader = dict(
    batch_size=8,
    persistent_workers=False,
    dataset=dict(pipeline={{_base_.train_pipeline}}))
val_dataloader = dict(dataset=dict(pipeline={{_base_.val_pipeline}}))
test_dataloader = dict(dataset=dict(pipeline={{_base_.test_pipeline}}))
# Videos run to thousands of frames: after the uniform epochs, a
# consecutive run of 64 frames taken every 8th (the reference's
# all-frames loader keeps every 8th frame of the longest videos).
custom_hooks = [
    dict(
        type='FullVideoSamplingHook',
        switch_epoch=6,
        sampler=dict(
            type='SampleFrames', clip_len=64, frame_interval=8, num_clips=1))
]
