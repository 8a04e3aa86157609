"""Convert an ``F3AST123/F3AST`` checkpoint to an fga ``F3AST`` checkpoint.

    python tools/convert/f3ast_to_fga.py REFERENCE.pt OUT.pth \
        [--trust-checkpoint]

The reference saves ``model.state_dict()`` of its ``F3AST.Impl`` (keys
``_glb_feat.*``, ``_encoder.*``, ``_decoder.*``, ``learn_vid_att.weight``,
with ``module.`` in front after ``DataParallel``). The SlowFast weights keep
their MMAction2 names under ``backbone.``; the positional tables are
dropped (fga recomputes the same sinusoids).
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

# (reference prefix, fga prefix); first match wins.
KEY_MAP = [
    ('_glb_feat.', 'backbone.'),
    ('_encoder.fc.', 'head.input_proj.'),
    ('_encoder.conv.', 'head.input_conv.'),
    ('_encoder.encoder.layers.', 'head.encoder_layers.'),
    ('_decoder.tgt_tok_emb.embedding.', 'head.token_embedding.'),
    ('_decoder.decoder.', 'head.decoder.'),
    ('_decoder.generator.', 'head.classifier.'),
    ('learn_vid_att.', 'head.attention_bias.'),
]
DROPPED = r'_(en|de)coder\.positional_encoding\.pos_embedding$'


def convert_state_dict(
        state_dict: Dict[str, torch.Tensor]) -> 'OrderedDict':
    """Rename every reference key; unknown keys are an error (a silently
    dropped weight would leave part of the model random)."""
    if any(k.removeprefix('module.').startswith('_lcl_feat.')
           for k in state_dict):
        raise ValueError('this checkpoint uses local-frame features '
                         '(--use_local), which fga does not support')
    return rename_state_dict(state_dict, KEY_MAP, DROPPED)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='reference checkpoint')
    parser.add_argument('dst', help='fga checkpoint to write')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (only for files you trust)')
    args = parser.parse_args(argv)
    checkpoint = load_checkpoint_file(args.src, args.trust_checkpoint)
    state_dict = checkpoint.get('state_dict', checkpoint) \
        if isinstance(checkpoint, dict) else checkpoint
    converted = convert_state_dict(state_dict)
    save_checkpoint_atomic(
        dict(state_dict=converted, meta=dict(converted_from=args.src)),
        args.dst)
    print(f'{len(converted)} tensors written to {args.dst}')


if __name__ == '__main__':
    main()
