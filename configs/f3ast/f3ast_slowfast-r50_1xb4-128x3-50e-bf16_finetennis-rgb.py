# The FineTennis recipe under bf16 autocast (GPUs with bf16: A100, H100,
# H200): same schedule, bf16 needs no loss scaling. Channels-last memory
# format is measured by benchmarks/gpu_suite.sh (--channels-last).
_base_ = ['./f3ast_slowfast-r50_1xb4-128x3-50e_finetennis-rgb.py']

optim_wrapper = dict(dtype='bfloat16')
