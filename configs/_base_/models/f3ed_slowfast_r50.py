# F3ED with SlowFast-R50 (the reference's 3D option; 2304-d per frame from
# SlowFastFramewiseNeck, the same backbone as F3AST's) and F3EDHead.
_base_ = './f3ast_slowfast_r50.py'

model = dict(
    type='F3ED',
    head=dict(
        _delete_=True,
        type='F3EDHead',
        in_channels=2304,
        num_elements=None,
        hidden_channels=768,
        temporal=dict(type='BiGRUTemporalNeck', num_layers=1, dropout=0.5),
        localizer=dict(type='FrameEventLocalizer', event_weight=5.0),
        classifier=dict(type='FrameElementClassifier'),
        nms_window=5))
