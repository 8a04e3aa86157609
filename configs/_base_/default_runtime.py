default_scope = 'mmaction'
custom_imports = dict(imports=['fga'], allow_failed_imports=False)

# AtomicCheckpointHook: MMEngine's CheckpointHook that writes atomically and
# removes outdated checkpoints only after the new one is complete.
# IterationSeedHook + ReproducibleSampler (in the dataset bases) make a
# resumed run draw exactly what the uninterrupted one drew.
# NonFiniteLossHook stops on a NaN/Inf loss before the optimizer step.
default_hooks = dict(
    runtime_info=dict(type='RuntimeInfoHook'),
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=20, ignore_last=False),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(
        type='AtomicCheckpointHook', interval=1, save_best='auto',
        max_keep_ckpts=3),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    sync_buffers=dict(type='SyncBuffersHook'),
    iteration_seed=dict(type='IterationSeedHook'),
    # --show-dir pictures for every task (sequences, detections, frames).
    visualization=dict(type='PredictionVisualizationHook', enable=False),
    non_finite_loss=dict(type='NonFiniteLossHook', action='stop'),
    # fga's checks: the head's classes match every dataset's, and a
    # load_from checkpoint fills at least half of the model (0 to fine-tune
    # from anything); tools/test.py makes it strict.
    class_agreement=dict(type='ClassAgreementHook'),
    checkpoint_fit=dict(type='CheckpointFitHook', min_loaded_fraction=0.5))

# gloo works on CPU and GPU; tools/train.py switches to nccl when CUDA runs.
env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    dist_cfg=dict(backend='gloo'))

log_processor = dict(type='LogProcessor', window_size=20, by_epoch=True)

# TensorBoard scalars by default, as MMAction2 users expect (`tensorboard
# --logdir work_dirs`); LocalVisBackend keeps vis_data/scalars.json for
# tools/analysis_tools/analyze_logs.py.
vis_backends = [
    dict(type='LocalVisBackend'),
    dict(type='TensorboardVisBackend')
]
visualizer = dict(type='FgaActionVisualizer', vis_backends=vis_backends)

log_level = 'INFO'
load_from = None
resume = False
