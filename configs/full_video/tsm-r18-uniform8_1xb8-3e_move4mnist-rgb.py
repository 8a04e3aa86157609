# Comparison: the same model and schedule with uniform 8-frame sampling
# throughout (plain TSM; the clustering never merges anything).
_base_ = ['./full-video-tsm-r18-cumulative-g8_1xb8-3e_move4mnist-rgb.py']

custom_hooks = []
