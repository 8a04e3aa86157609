# F3ED (LCL + MLC) on finediving with TSM-ResNet50 + BiGRU.
_base_ = [
    '../_base_/models/f3ed_tsm_r50.py',
    '../_base_/datasets/f3set/f3set_finediving.py',
    '../_base_/schedules/f3ed_adamw_50e.py',
    '../_base_/f3ed_runtime.py',
]

model = dict(head=dict(num_elements=20))
load_from = {{_base_.k400_tsm}}
