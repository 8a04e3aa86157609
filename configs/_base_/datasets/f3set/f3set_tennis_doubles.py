# f3set-tennis-doubles: 26 elements; files from
# `python tools/data/f3set/prepare.py f3set-tennis-doubles --out data/f3set-tennis-doubles`.
_base_ = './f3set_frames.py'

num_elements = 26
data = dict(data_root='data/f3set-tennis-doubles')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
