from .move4mnist import (MOVE4MNIST_CLASSES, MOVE4MNIST_DEFAULTS,
                         generate_move4mnist)
from .synthfeat import (SYNTHFEAT_DEFAULTS, generate_synthfeat,
                        synthfeat_classes)
from .synthrally import (SYNTHRALLY_DEFAULTS, generate_synthrally,
                         synthrally_classes, synthrally_element_groups,
                         synthrally_elements)
from .synthweak import SYNTHWEAK_DEFAULTS, generate_synthweak

__all__ = [
    'MOVE4MNIST_CLASSES', 'MOVE4MNIST_DEFAULTS', 'generate_move4mnist',
    'SYNTHFEAT_DEFAULTS', 'SYNTHRALLY_DEFAULTS', 'SYNTHWEAK_DEFAULTS',
    'generate_synthfeat', 'generate_synthweak',
    'generate_synthrally', 'synthfeat_classes', 'synthrally_classes',
    'synthrally_element_groups', 'synthrally_elements'
]
