# F3AST on F3Set: F3AST's clips (128 frames at stride 3, 224 crops) of an
# F3Set dataset, whose vocabulary is the dataset's events (events.txt plus
# the element groups' extra_events); the same files as F3ED's configs, so
# both methods are compared on the same data. F3AST configs set data_root.
_base_ = '../sequence/f3ast_frames.py'

f3set = dict(
    _delete_=True,
    type='F3SetDataset',
    data_root='data/f3set-tennis',
    data_prefix=dict(video='frames'),
    clip_len=128,
    stride=3,
    pad_len=5)
train_dataloader = dict(
    dataset=dict(
        **f3set, ann_file='train.json',
        pipeline={{_base_.train_pipeline}}))
val_dataloader = dict(
    dataset=dict(
        **f3set, ann_file='val.json', pipeline={{_base_.test_pipeline}},
        test_mode=True))
test_dataloader = dict(
    dataset=dict(
        **f3set, ann_file='test.json', pipeline={{_base_.test_pipeline}},
        test_mode=True))
# F3Set defines no interchangeable events.
val_evaluator = dict(type='SequenceMetric', with_tolerance=False)
test_evaluator = val_evaluator
