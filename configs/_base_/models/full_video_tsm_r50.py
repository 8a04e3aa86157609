# "No frame left behind" with TSM-ResNet-50 (the paper's backbone), from
# ImageNet: full_video_tsm_r18.py at depth 50.
_base_ = ['./full_video_tsm_r18.py']
resnet50 = 'https://download.pytorch.org/models/resnet50-0676ba61.pth'
model = dict(
    backbone=dict(
        depth=50,
        pretrained=resnet50,
        pretrained2d=True,
        torchvision_pretrain=True),
    cls_head=dict(num_classes=400, in_channels=2048))
