# HMDB51 (Kuehne et al., ICCV 2011), 51 classes, split 1, in MMAction2's
# rawframes layout (tools/data/hmdb51 of MMAction2): img_{:05d}.jpg from 1,
# lists "path frames label". The pipelines come from a
# _base_/datasets/recognition/sampling/ file.
_base_ = ['./frame_list_recognition.py']
data_root = 'data/hmdb51'
num_classes = 51
rawframes = dict(
    type='ReproducibleRawframeDataset',
    data_prefix=dict(img=f'{data_root}/rawframes'),
    filename_tmpl='img_{:05d}.jpg',
    start_index=1)
train_dataloader = dict(
    dataset=dict(
        **rawframes,
        ann_file=f'{data_root}/hmdb51_train_split_1_rawframes.txt'))
val_dataloader = dict(
    dataset=dict(
        **rawframes,
        ann_file=f'{data_root}/hmdb51_val_split_1_rawframes.txt'))
test_dataloader = val_dataloader
