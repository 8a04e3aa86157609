# SynthRally (tools/data/synthesize.py synthrally --out data/synthrally):
# 64 x 96 frames, clips of 64 frames at stride 2 (128 raw frames: most
# rallies fit whole), sized for a 2-core CPU.
_base_ = './f3ast_frames.py'

clip_len = 64
stride = 2
window = dict(clip_len=clip_len, stride=stride, pad_len=2)

# No crops (the whole court matters) and no horizontal flips, which would
# swap forehand and backhand: SynthRally players all hold the racket in the
# same hand.
train_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='ClipColorJitter'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackEventSequenceInputs'),
]
test_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackEventSequenceInputs'),
]
dataset = dict(type='EventSequenceDataset', data_root='data/synthrally',
               **window)
train_dataloader = dict(
    batch_size=4,
    num_workers=2,
    dataset=dict(
        **dataset, num_train_clips=200, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8, num_workers=2,
    dataset=dict(**dataset, pipeline=test_pipeline))
test_dataloader = dict(
    batch_size=8, num_workers=2,
    dataset=dict(**dataset, pipeline=test_pipeline))
# Class names compose side_hand_type_direction_outcome: the metric also
# reports each attribute's accuracy over the edit-distance alignment.
synthrally_attributes = ['side', 'hand', 'type', 'direction', 'outcome']
val_evaluator = dict(type='SequenceMetric', with_tolerance=False,
                     attributes=synthrally_attributes)
test_evaluator = val_evaluator
