from typing import Dict

import torch

__all__ = ['inflate_2d_state_dict']


def inflate_2d_state_dict(state_2d: Dict[str, torch.Tensor],
                          state_3d: Dict[str, torch.Tensor],
                          divide: bool = False) -> Dict[str, torch.Tensor]:
    """Initialise a 3D network from a 2D one with the same parameter names.

    A 2D conv kernel (O, I, k, k) under a name whose 3D tensor is
    (O, I, t, k, k) is repeated t times along time, divided by t when
    ``divide`` (MMAction2's inflation, which keeps a static clip's response)
    or not (IBM's). Tensors of equal shape are copied; names missing on
    either side or of other shapes are left out, so
    ``load_state_dict(strict=False)`` keeps the 3D initialisation there.
    """
    inflated = {}
    for name, target in state_3d.items():
        source = state_2d.get(name)
        if source is None:
            continue
        if source.shape == target.shape:
            inflated[name] = source.clone()
        elif (source.dim() == 4 and target.dim() == 5
              and source.shape[:2] == target.shape[:2]
              and source.shape[2:] == target.shape[3:]):
            length = target.shape[2]
            kernel = source.unsqueeze(2).repeat(1, 1, length, 1, 1)
            inflated[name] = kernel / length if divide else kernel
    return inflated
