# IBM's released K400 I3D-ResNet-101-f32 (top-1 77.80).
_base_ = ['./i3d_imagenet-inflated-r50_8xb8-32x2x1-50e_kinetics400-rgb.py']
model = dict(
    backbone=dict(depth=101, pretrained='torchvision://resnet101'))
