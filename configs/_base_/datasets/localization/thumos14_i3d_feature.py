# THUMOS14 with the two-stream I3D features of the ActionFormer release
# (2048 = RGB 1024 + flow 1024, 16-frame clips every 4 frames): train on the
# 200 "Validation" videos, evaluate on the 212 annotated "Test" videos
# (video_test_0000270 included), tIoU 0.3:0.7:0.1.
_base_ = './localization_features.py'
