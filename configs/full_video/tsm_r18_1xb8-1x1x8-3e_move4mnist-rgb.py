# Comparison: the same model and schedule with uniform 8-frame sampling
# throughout (plain TSM; the clustering never merges anything).
_base_ = ['./full-video-tsm_r18_1xb8-cumulative-g8-3e_move4mnist-rgb.py']

custom_hooks = []
