# f3set-table-tennis: 23 elements; files from
# `python tools/data/f3set/prepare.py f3set-table-tennis --out data/f3set-table-tennis`.
_base_ = './f3set_frames.py'

num_elements = 23
data = dict(data_root='data/f3set-table-tennis')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
