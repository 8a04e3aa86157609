# Mini-SSv2 of IBM's study: the 87 Something-Something-V2 templates of
# IBM's mini_ssv2.txt (tests/data/annotations/ibm/), lists
# mini_{train,val}.txt made with IBM's tools/extract_videos_st2st_v2.py.
# Frames {:05d}.jpg from 1 under rawframes/; lines "path start end label".
_base_ = ['./frame_list_recognition.py']
data_root = 'data/mini_ssv2_87'
num_classes = 87
frame_list = dict(
    type='FrameListDataset',
    num_classes=num_classes,
    data_prefix=dict(img=f'{data_root}/rawframes'),
    min_frames=3)
train_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/mini_train.txt'))
val_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/mini_val.txt'))
test_dataloader = dict(
    dataset=dict(**frame_list, ann_file=f'{data_root}/mini_val.txt'))
