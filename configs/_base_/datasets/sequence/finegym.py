_base_ = './f3ast_frames.py'

dataset = dict(type='FineGymDataset', data_root='data/finegym')
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
