from .synthfeat import (SYNTHFEAT_DEFAULTS, generate_synthfeat,
                        synthfeat_classes)
from .synthrally import (SYNTHRALLY_DEFAULTS, generate_synthrally,
                         synthrally_classes)
from .synthweak import SYNTHWEAK_DEFAULTS, generate_synthweak

__all__ = [
    'SYNTHFEAT_DEFAULTS', 'SYNTHRALLY_DEFAULTS', 'SYNTHWEAK_DEFAULTS',
    'generate_synthfeat', 'generate_synthweak',
    'generate_synthrally', 'synthfeat_classes', 'synthrally_classes'
]
