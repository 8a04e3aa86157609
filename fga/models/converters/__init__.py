"""Converters of the reference implementations' checkpoints to fga's
parameter names (``tools/convert/*.py`` call them)."""
from .actionformer import (ACTIONFORMER_KEY_MAP,
                           convert_actionformer_checkpoint,
                           convert_actionformer_state_dict)
from .f3ast import (F3AST_KEY_MAP, check_f3ast_geometry,
                    convert_f3ast_checkpoint, convert_f3ast_for_config,
                    convert_f3ast_state_dict, f3ast_checkpoint_geometry)
from .haan import (HAAN_INFERENCE_PARTS, HAAN_PARTS, convert_haan_models,
                   convert_haan_part, convert_haan_state_dicts)
from .ibm import (IBM_BACKBONES, TORCHVISION_RESNET_RULES,
                  convert_ibm_checkpoint, convert_ibm_for_config,
                  convert_ibm_state_dict, detect_ibm_architecture,
                  matching_ibm_configs)
from .ibm_arch import (IBM_DATASET_CLASSES, IBMArchMismatchError,
                       compare_ibm_settings, ibm_settings_of_config,
                       parse_ibm_arch)
from .state_dict import (convert_checkpoint, publish_checkpoint,
                         rename_state_dict, revise_keys)
from .tsm import convert_tsm_checkpoint, convert_tsm_state_dict

__all__ = [
    'ACTIONFORMER_KEY_MAP', 'F3AST_KEY_MAP', 'check_f3ast_geometry',
    'convert_f3ast_for_config', 'IBM_BACKBONES',
    'TORCHVISION_RESNET_RULES', 'convert_tsm_checkpoint',
    'convert_tsm_state_dict',
    'convert_actionformer_checkpoint', 'convert_actionformer_state_dict',
    'convert_checkpoint', 'convert_f3ast_checkpoint',
    'convert_f3ast_state_dict', 'convert_ibm_checkpoint',
    'convert_ibm_state_dict', 'detect_ibm_architecture',
    'f3ast_checkpoint_geometry', 'publish_checkpoint', 'rename_state_dict',
    'revise_keys', 'HAAN_INFERENCE_PARTS', 'HAAN_PARTS',
    'convert_haan_models', 'convert_haan_part', 'convert_haan_state_dicts',
    'convert_ibm_for_config', 'matching_ibm_configs', 'IBM_DATASET_CLASSES',
    'IBMArchMismatchError', 'compare_ibm_settings', 'ibm_settings_of_config',
    'parse_ibm_arch'
]
