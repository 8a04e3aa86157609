# F3ED with its contextual module (CTX) on F3Set-Tennis: a GRU over each
# clip's events refines their elements, reading the hitter's handedness
# (side element 'near' = index 0, the reference's hand column).
_base_ = [
    '../_base_/models/f3ed_tsm_r50.py',
    '../_base_/datasets/f3set/f3set_tennis.py',
    '../_base_/schedules/f3ed_adamw_50e.py',
    '../_base_/f3ed_runtime.py',
]

model = dict(
    head=dict(
        num_elements=29,
        context=dict(type='EventContextModule', hidden_channels=768),
        side_element=0))
load_from = {{_base_.k400_tsm}}
