"""Convert an ActionFormer (``happyharrycn/actionformer_release``)
checkpoint to an fga ``ActionFormer`` checkpoint.

    python tools/convert/actionformer_to_fga.py epoch_034.pth.tar OUT.pth \
        [--use-raw-weights] [--init-loss-norm 100] [--trust-checkpoint]

The release evaluates ``state_dict_ema``, which is converted by default
(``--use-raw-weights`` takes ``state_dict``). Keys lose DataParallel's
``module.``; backbone and neck keep their names, ``cls_head.``/``reg_head.``
move under ``head.``. The loss normaliser, which the release keeps outside
the state dict, is set to ``--init-loss-norm``.
"""
import argparse
import os.path as osp
import sys
from collections import OrderedDict
from typing import Dict

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, ROOT)

import torch  # noqa: E402

from fga.utils import load_checkpoint_file  # noqa: E402
from fga.utils import rename_state_dict, save_checkpoint_atomic

# (release prefix, fga prefix)
KEY_MAP = [('backbone.', 'backbone.'), ('neck.', 'neck.'),
           ('cls_head.', 'head.cls_head.'), ('reg_head.', 'head.reg_head.')]


def convert_state_dict(state_dict: Dict[str, torch.Tensor],
                       init_loss_norm: float = 100.0) -> 'OrderedDict':
    """Rename every release key; an unknown key is an error rather than a
    silently random weight."""
    out = rename_state_dict(state_dict, KEY_MAP)
    out['head.loss_normalizer'] = torch.tensor(float(init_loss_norm))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='ActionFormer checkpoint (.pth.tar)')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument('--use-raw-weights', action='store_true',
                        help='convert state_dict instead of state_dict_ema')
    parser.add_argument('--init-loss-norm', type=float, default=100.0,
                        help='loss normaliser to store (THUMOS14 100, '
                        'ActivityNet 200, EPIC 250)')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    checkpoint = load_checkpoint_file(args.src, args.trust_checkpoint)
    key = 'state_dict' if args.use_raw_weights else 'state_dict_ema'
    if isinstance(checkpoint, dict) and key in checkpoint:
        state_dict = checkpoint[key]
    elif isinstance(checkpoint, dict) and 'state_dict' in checkpoint:
        raise KeyError(f'{args.src} has no {key!r}; pass --use-raw-weights '
                       'to convert its state_dict')
    else:
        state_dict = checkpoint
    converted = convert_state_dict(state_dict, args.init_loss_norm)
    save_checkpoint_atomic(
        dict(state_dict=converted,
             meta=dict(converted_from=osp.basename(args.src),
                       weights=key)), args.dst)
    print(f'{len(converted)} tensors ({key}) written to {args.dst}')


if __name__ == '__main__':
    main()
