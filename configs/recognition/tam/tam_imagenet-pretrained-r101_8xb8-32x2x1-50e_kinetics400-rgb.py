# IBM's released K400 TAM-ResNet-101-f32 (top-1 77.61).
_base_ = ['./tam_imagenet-pretrained-r50_8xb8-32x2x1-50e_kinetics400-rgb.py']
resnet101 = 'https://download.pytorch.org/models/resnet101-63fe2227.pth'
model = dict(backbone=dict(depth=101, pretrained=resnet101))
