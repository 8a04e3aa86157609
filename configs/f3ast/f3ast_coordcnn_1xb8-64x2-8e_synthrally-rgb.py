# F3AST on SynthRally with a per-frame CoordCNN and a soft-argmax
# TemporalConvNeck, trained from scratch on a 2-core CPU: the main job
# (tools/run_synthrally.py renders 1380 training rallies for it). Figures
# and the experiments behind the choices: configs/f3ast/README.md.
_base_ = [
    '../_base_/models/f3ast_coordcnn.py',
    '../_base_/datasets/sequence/synthrally.py',
    '../_base_/schedules/adamw_cosine_short.py',
    '../_base_/sequence_runtime.py'
]

# The auxiliary per-frame event loss (not part of F3AST) gives the visual
# encoder a dense signal on every event frame.
model = dict(
    head=dict(
        num_classes=40, clip_len=64, frame_loss_weight=1.0,
        frame_loss_dilation=1))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
# 8 epochs of 100 steps of 8 clips (6400 clips, each of the 1380 rallies
# seen about 4.6 times); validation only at the end to save CPU time.
max_epochs = 8
train_dataloader = dict(batch_size=8, dataset=dict(num_train_clips=800))
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - 1, eta_min=1e-5,
         by_epoch=True, begin=1, end=max_epochs, convert_to_iter_based=True)
]
