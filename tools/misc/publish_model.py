"""Strip a training checkpoint for release: keep ``meta`` and
``state_dict``, drop ``message_hub``, ``optimizer`` and
``param_schedulers`` (so it loads under torch's safe default), and append
the first 8 hex digits of its SHA-256 to the file name.

    python tools/misc/publish_model.py IN.pth OUT.pth [--trust-checkpoint]
"""
import argparse
import hashlib
import os
import os.path as osp
import sys

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, ROOT)

import torch  # noqa: E402

from fga.utils import load_checkpoint_file  # noqa: E402


def publish(in_file: str, out_file: str, trust: bool = False) -> str:
    checkpoint = load_checkpoint_file(in_file, trust)
    kept = {k: checkpoint[k] for k in ('meta', 'state_dict')
            if k in checkpoint}
    if 'state_dict' not in kept:
        raise ValueError(f'{in_file} has no "state_dict"')
    tmp = out_file + '.tmp'
    torch.save(kept, tmp)
    with open(tmp, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:8]
    stem = out_file[:-4] if out_file.endswith('.pth') else out_file
    final = f'{stem}-{digest}.pth'
    os.replace(tmp, final)
    return final


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('in_file')
    parser.add_argument('out_file')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (runs any code in the pickle)')
    args = parser.parse_args(argv)
    print(publish(args.in_file, args.out_file, args.trust_checkpoint))


if __name__ == '__main__':
    main()
