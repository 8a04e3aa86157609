_base_ = './default_runtime.py'

# Keep the checkpoint with the best average mAP on the validation split.
default_hooks = dict(
    logger=dict(interval=10),
    checkpoint=dict(
        interval=5, save_best='det/average_mAP', rule='greater',
        max_keep_ckpts=2))
randomness = dict(seed=1234567891)
