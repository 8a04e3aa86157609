# SynthRally's F3Set view (tools/data/synthesize.py synthrally --out
# data/synthrally writes elements.txt, events.txt and element_groups.json
# beside classes.txt): 15 elements, 64 x 96 frames, clips of 64 frames at
# stride 2, sized for a 2-core CPU; no crops, no flips (as the F3AST CPU
# recipe).
_base_ = './f3set_frames.py'

num_elements = 15
clip_len = 64
stride = 2
window = dict(clip_len=clip_len, stride=stride, pad_len=2)

train_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='F3EDFrameTargets'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='ClipColorJitter'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackF3EDInputs'),
]
test_pipeline = [
    dict(type='SampleEventWindow'),
    dict(type='F3EDFrameTargets'),
    dict(type='PaddedRawFrameDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackF3EDInputs'),
]
data = dict(data_root='data/synthrally', **window)
train_dataloader = dict(
    num_workers=2,
    dataset=dict(**data, num_train_clips=400, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8, num_workers=2,
    dataset=dict(**data, pipeline=test_pipeline))
test_dataloader = dict(
    batch_size=8, num_workers=2,
    dataset=dict(**data, pipeline=test_pipeline))
