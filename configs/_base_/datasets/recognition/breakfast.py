# Breakfast (Kuehne et al., CVPR 2014), 10 breakfast activities, long
# videos; lists "path 1 frames label" of split s1 (train.txt / val.txt).
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
_base_ = ['./frame_list_recognition.py']
data_root = 'data/breakfast'
num_classes = 10
frame_list = dict(
    type='FrameListDataset',
    num_classes=num_classes,
    data_prefix=dict(img=f'{data_root}/rawframes'),
    min_frames=0)
train_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/train.txt'))
val_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/val.txt'))
test_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/val.txt'))
