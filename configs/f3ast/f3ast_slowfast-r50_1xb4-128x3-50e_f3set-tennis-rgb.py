# F3AST on F3Set's f3set-tennis files (1108 events), to compare with the F3ED
# configs of configs/f3ed on the same data; files from
# `python tools/data/f3set/prepare.py f3set-tennis --out data/f3set-tennis`.
_base_ = [
    '../_base_/models/f3ast_slowfast_r50.py',
    '../_base_/datasets/f3set/f3set_sequence.py',
    '../_base_/schedules/f3ast_adamw_50e.py', '../_base_/sequence_runtime.py'
]

model = dict(head=dict(num_classes=1108))
root = dict(data_root='data/f3set-tennis')
train_dataloader = dict(dataset=root)
val_dataloader = dict(dataset=root)
test_dataloader = dict(dataset=root)
load_from = {{_base_.k400_slowfast}}
