# f3set-tennis: 29 elements; files from
# `python tools/data/f3set/prepare.py f3set-tennis --out data/f3set-tennis`.
# No train.json is published: ask the authors for it.
_base_ = './f3set_frames.py'

num_elements = 29
data = dict(data_root='data/f3set-tennis')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
