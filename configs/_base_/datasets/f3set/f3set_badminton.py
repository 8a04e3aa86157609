# f3set-badminton: 26 elements; files from
# `python tools/data/f3set/prepare.py f3set-badminton --out data/f3set-badminton`.
_base_ = './f3set_frames.py'

num_elements = 26
data = dict(data_root='data/f3set-badminton')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
