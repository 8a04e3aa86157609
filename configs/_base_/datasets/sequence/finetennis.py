_base_ = './f3ast_frames.py'

dataset = dict(type='FineTennisDataset', data_root='data/finetennis')
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
