# uniform8_2d's pipelines with 16 segments.
_base_ = ['./uniform8_2d.py']
sampled_segments = 16
train_pipeline, train_pipeline_no_flip, val_pipeline, test_pipeline = ([
    dict(t, num_clips=sampled_segments) if t['type'] == 'SampleFrames' else t
    for t in pipeline
] for pipeline in (_base_.train_pipeline, _base_.train_pipeline_no_flip,
                   _base_.val_pipeline, _base_.test_pipeline))
