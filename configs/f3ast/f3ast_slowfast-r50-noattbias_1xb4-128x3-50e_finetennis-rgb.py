# Ablation: no learned attention bias in the encoder (and no L1 term).
_base_ = ['./f3ast_slowfast-r50_1xb4-128x3-50e_finetennis-rgb.py']

model = dict(head=dict(attention_bias=False))
