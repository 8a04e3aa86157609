# finegym: 20 elements; files from
# `python tools/data/f3set/prepare.py finegym --out data/f3set-finegym`.
# No train.json is published: ask the authors for it.
_base_ = './f3set_frames.py'

num_elements = 20
data = dict(data_root='data/f3set-finegym')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
