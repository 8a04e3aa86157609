# Comparison on the harder set: the same model and schedule with uniform
# 8-frame sampling throughout (plain TSM), evaluated on 8 uniform frames.
_base_ = ['./tsm_r18_1xb8-1x1x8-3e_move4mnist-rgb.py']

data_root = 'data/move4mnist_hard'
train_dataloader = dict(
    dataset=dict(
        data_prefix=dict(img=data_root),
        ann_file=f'{data_root}/file_list/movingmnist_rgb_train_split_1.txt'))
val_dataloader = dict(
    dataset=dict(
        data_prefix=dict(img=data_root),
        ann_file=f'{data_root}/file_list/movingmnist_rgb_val_split_1.txt'))
test_dataloader = val_dataloader
