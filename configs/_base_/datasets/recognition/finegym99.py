# FineGym99 element-level recognition (Shao et al., CVPR 2020), 99
# element classes; frames and lists from tools/data/finegym/prepare_gym99.py.
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
_base_ = ['./frame_list_recognition.py']
data_root = 'data/finegym99'
num_classes = 99
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
