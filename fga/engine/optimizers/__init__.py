from .compact_log_optim_wrapper_constructor import (
    CompactLogOptimWrapperConstructor, summarize_param_groups)

__all__ = ['CompactLogOptimWrapperConstructor', 'summarize_param_groups']
