"""Train a model: ``python tools/train.py CONFIG [options]``.

The command line is MMAction2's. Differences: fga's stack fixes are applied
first, distributed runs use gloo on CPU (nccl with CUDA), and ``--amp`` is
refused without a GPU instead of failing inside the optimizer wrapper.
"""
import argparse
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))

import fga  # noqa: E402,F401  (stack fixes and registration first)
from fga.apis import add_runtime_args, load_config, setup_runtime  # noqa: E402
from fga.utils import UnsafeCheckpointError  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Train an fga model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or from the latest one in '
        'the work dir when no path is given')
    parser.add_argument(
        '--amp', action='store_true',
        help='automatic mixed precision (needs a GPU)')
    parser.add_argument(
        '--no-validate', action='store_true',
        help='do not evaluate checkpoints during training')
    parser.add_argument(
        '--auto-scale-lr', action='store_true',
        help='scale the learning rate with the total batch size')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument(
        '--diff-rank-seed', action='store_true',
        help='a different seed on every rank')
    parser.add_argument(
        '--deterministic', action='store_true',
        help='deterministic cuDNN algorithms')
    add_runtime_args(parser)
    return parser.parse_args(argv)


def main(argv=None):
    from mmengine.runner import Runner

    args = parse_args(argv)
    cfg = load_config(args)
    if args.no_validate:
        cfg.val_cfg = None
        cfg.val_dataloader = None
        cfg.val_evaluator = None
    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    if args.auto_scale_lr:
        if not cfg.get('auto_scale_lr'):
            raise SystemExit('--auto-scale-lr: the config has no '
                             'auto_scale_lr.base_batch_size')
        cfg.auto_scale_lr.enable = True
    randomness = cfg.get('randomness', dict())
    randomness.setdefault('seed', None)
    if args.seed is not None:
        randomness['seed'] = args.seed
    randomness['diff_rank_seed'] = args.diff_rank_seed
    randomness['deterministic'] = args.deterministic
    cfg.randomness = randomness
    setup_runtime(cfg, launcher=args.launcher, amp=args.amp)
    runner = Runner.from_cfg(cfg)
    try:
        runner.train()
    except UnsafeCheckpointError as err:
        raise SystemExit(f'error: {err}') from None


if __name__ == '__main__':
    main()
