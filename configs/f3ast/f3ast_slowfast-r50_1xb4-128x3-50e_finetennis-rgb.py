_base_ = [
    '../_base_/models/f3ast_slowfast_r50.py',
    '../_base_/datasets/sequence/finetennis.py',
    '../_base_/schedules/f3ast_adamw_50e.py', '../_base_/sequence_runtime.py'
]

model = dict(head=dict(num_classes=56))
load_from = {{_base_.k400_slowfast}}
