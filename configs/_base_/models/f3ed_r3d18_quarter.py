# F3ED sized for a CPU: the quarter-width 3D ResNet-18 of the F3AST CPU
# recipe (every input frame kept, 128-d per frame) and a 64-wide F3EDHead.
_base_ = './f3ast_r3d18_quarter.py'

model = dict(
    type='F3ED',
    head=dict(
        _delete_=True,
        type='F3EDHead',
        in_channels=128,
        num_elements=None,
        hidden_channels=64,
        temporal=dict(type='BiGRUTemporalNeck', num_layers=1, dropout=0.5),
        localizer=dict(type='FrameEventLocalizer', event_weight=5.0),
        classifier=dict(type='FrameElementClassifier'),
        nms_window=5))
