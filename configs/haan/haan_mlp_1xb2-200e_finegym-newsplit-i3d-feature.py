# HAAN on FineGym with the event-disjoint split given as Gym99 element
# lists (FineGym-new-split/): training events from the train list (10 %
# held out for validation), test events from the val list.
_base_ = ['./haan_mlp_1xb2-200e_finegym-i3d-feature.py']

split_dir = 'data/haan/FineGym-new-split'
train_dataloader = dict(dataset=dict(
    split_file=f'{split_dir}/gym99_train_element_new.txt'))
val_dataloader = dict(dataset=dict(
    split_file=f'{split_dir}/gym99_train_element_new.txt'))
test_dataloader = dict(dataset=dict(
    split_file=f'{split_dir}/gym99_val_element_new.txt'))
