# finediving: 20 elements; files from
# `python tools/data/f3set/prepare.py finediving --out data/f3set-finediving`.
_base_ = './f3set_frames.py'

num_elements = 20
data = dict(data_root='data/f3set-finediving')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
