_base_ = './f3ast_frames.py'

dataset = dict(type='BadmintonDBDataset', data_root='data/badmintonDB')
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
