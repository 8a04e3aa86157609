_base_ = './f3ast_frames.py'

dataset = dict(type='FineDivingDataset', data_root='data/finediving')
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
