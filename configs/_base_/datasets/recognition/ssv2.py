# Something-Something V2 (174 templates) in IBM's list format, frames
# from IBM's tools/extract_videos_st2st_v2.py.
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
_base_ = ['./frame_list_recognition.py']
data_root = 'data/ssv2'
num_classes = 174
frame_list = dict(
    type='FrameListDataset',
    num_classes=num_classes,
    data_prefix=dict(img=f'{data_root}/rawframes'),
    min_frames=3)
train_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/train.txt'))
val_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/val.txt'))
test_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/val.txt'))
