# F3ED on F3Set-Tennis with SlowFast-R50 (2304-d per frame) + BiGRU.
_base_ = [
    '../_base_/models/f3ed_slowfast_r50.py',
    '../_base_/datasets/f3set/f3set_tennis.py',
    '../_base_/schedules/f3ed_adamw_50e.py',
    '../_base_/f3ed_runtime.py',
]

model = dict(head=dict(num_elements=29))
load_from = {{_base_.k400_slowfast}}
