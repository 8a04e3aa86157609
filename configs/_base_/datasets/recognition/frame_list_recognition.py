# Loaders shared by the recognition dataset files: each sets data_root,
# num_classes and the train/val/test datasets (type, folders, lists); the
# pipelines come from a sampling/ file, wired in the leaf config.
train_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='ReproducibleSampler', shuffle=True),
    dataset=dict(pipeline=[]))
val_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(pipeline=[], test_mode=True))
test_dataloader = dict(
    batch_size=1,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(pipeline=[], test_mode=True))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
