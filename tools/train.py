"""Train a model: ``python tools/train.py CONFIG [options]``.

The command line is MMAction2's. Differences: fga's stack fixes are applied
first, distributed runs use gloo on CPU (nccl with CUDA), and ``--amp`` is
refused without a GPU instead of failing inside the optimizer wrapper.
"""
import argparse

from fga.engine import (add_runtime_args, configure_train, load_config, run,
                        setup_runtime)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Train an fga model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or from the latest one in '
        'the work dir when no path is given (an error if there is none)')
    parser.add_argument(
        '--auto-resume', action='store_true',
        help='resume from the latest checkpoint in the work dir if there is '
        'one, otherwise start from scratch')
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
    args = parse_args(argv)
    cfg = load_config(args)
    configure_train(cfg, args)
    setup_runtime(cfg, launcher=args.launcher, amp=args.amp)
    run(cfg, 'train')


if __name__ == '__main__':
    main()
