_base_ = './default_runtime.py'

# F3ED keeps the checkpoint with the best validation edit score (the
# reference's default criterion).
default_hooks = dict(checkpoint=dict(save_best='f3ed/edit', rule='greater'))
