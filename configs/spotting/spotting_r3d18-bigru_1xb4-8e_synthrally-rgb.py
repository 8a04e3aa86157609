_base_ = [
    '../_base_/models/framewise_spotter_r3d18.py',
    '../_base_/datasets/sequence/synthrally.py',
    '../_base_/schedules/adamw_cosine_short.py',
    '../_base_/sequence_runtime.py'
]

model = dict(head=dict(num_classes=40))
# The spotting head also outputs timestamps: score them too.
test_evaluator = [
    dict(type='SequenceMetric', with_tolerance=False),
    dict(type='SpottingMetric')
]
