# F3AST on SynthRally, trained from scratch on a 2-core CPU (the main job).
_base_ = [
    '../_base_/models/f3ast_r3d18_quarter.py',
    '../_base_/datasets/synthrally.py',
    '../_base_/schedules/adamw_cosine_short.py',
    '../_base_/sequence_runtime.py'
]

model = dict(head=dict(num_classes=40, clip_len=64))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
# 8 epochs of 100 steps; validation only at the end to save CPU time.
train_dataloader = dict(dataset=dict(num_train_clips=400))
train_cfg = dict(val_interval=8)
