from .conv_transformer import ConvTransformerBackbone
from .coord_cnn import CoordCNN
from .full_video_resnet_tsm import FullVideoResNetTSM
from .i3d_inception import I3DInception
from .inception_v1 import InceptionV1
from .inception_v1_tam import InceptionV1TAM
from .resnet_tam import ResNetTAM
from .s3d import S3D

__all__ = [
    'ConvTransformerBackbone', 'CoordCNN', 'FullVideoResNetTSM',
    'I3DInception', 'InceptionV1', 'InceptionV1TAM', 'ResNetTAM', 'S3D'
]
