from .synthrally import (SYNTHRALLY_DEFAULTS, generate_synthrally,
                         synthrally_classes)

__all__ = ['SYNTHRALLY_DEFAULTS', 'generate_synthrally', 'synthrally_classes']
