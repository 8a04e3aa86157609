from .checkpoint_files import (load_checkpoint_file, rename_state_dict,
                               save_checkpoint_atomic)
from .compat import UnsafeCheckpointError, apply_compat, safe_torch_load
from .sequence_vocabulary import (END_TOKEN, NUM_SPECIAL_TOKENS, PAD_TOKEN,
                                  START_TOKEN)
from .setup_env import register_all_modules

__all__ = [
    'END_TOKEN', 'NUM_SPECIAL_TOKENS', 'PAD_TOKEN', 'START_TOKEN',
    'UnsafeCheckpointError', 'apply_compat', 'register_all_modules',
    'safe_torch_load', 'load_checkpoint_file', 'rename_state_dict',
    'save_checkpoint_atomic'
]
