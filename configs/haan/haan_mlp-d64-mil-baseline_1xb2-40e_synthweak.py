# Ablation: the same model trained with the MIL loss only (no atomic
# actions, concepts or coarse labels), hence no KMeans.
_base_ = ['./haan_mlp-d64_1xb2-40e_synthweak.py']

model = dict(head=dict(loss_weights=(1.0, 0.0, 0.0, 0.0)))
custom_hooks = []
