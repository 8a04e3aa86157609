# cctvpipe: 16 elements; files from
# `python tools/data/f3set/prepare.py cctvpipe --out data/f3set-cctvpipe`.
_base_ = './f3set_frames.py'

num_elements = 16
data = dict(data_root='data/f3set-cctvpipe')
train_dataloader = dict(dataset=data)
val_dataloader = dict(dataset=data)
test_dataloader = dict(dataset=data)
