_base_ = './default_runtime.py'

# Sequence models keep the checkpoint with the best sequence accuracy
# (F3AST's model selection).
default_hooks = dict(
    checkpoint=dict(save_best='seq/accuracy', rule='greater'))
