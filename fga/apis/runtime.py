"""What every fga entry point does to its command line and config before
building the runner."""
import argparse
import os
import os.path as osp

import torch
from mmengine.logging import print_log

__all__ = ['add_runtime_args', 'load_config', 'setup_runtime']


def add_runtime_args(parser: argparse.ArgumentParser) -> None:
    """``--work-dir``, ``--cfg-options``, ``--launcher`` and
    ``--local-rank``, as MMAction2's tools take them."""
    from mmengine.config import DictAction
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction, default={},
        help='override config settings, key=value pairs')
    parser.add_argument(
        '--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)


def load_config(args: argparse.Namespace):
    """The config with ``--cfg-options`` merged and the work dir chosen
    (``--work-dir``, the config's, or ``work_dirs/<config name>``)."""
    from mmengine.config import Config
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    return cfg


def setup_runtime(cfg, launcher: str = 'none', amp: bool = False) -> None:
    """Pick the distributed backend and DDP wrapper for the device, and
    enable mixed precision.

    * nccl with CUDA, gloo without; on CPU, DDP gets ``device_ids=None``
      (mmengine passes the local rank, which DDP rejects for CPU modules).
    * ``amp`` needs CUDA: mmengine's ``AmpOptimWrapper`` asserts a GPU, so
      the request is refused here with a clear message. A config that asks
      for ``AmpOptimWrapper`` itself (the published recipes do) trains in
      fp32 on CPU, with a warning.
    """
    cuda = torch.cuda.is_available()
    cfg.launcher = launcher
    env_cfg = cfg.setdefault('env_cfg', dict())
    dist_cfg = env_cfg.setdefault('dist_cfg', dict())
    dist_cfg['backend'] = 'nccl' if cuda else 'gloo'
    if launcher != 'none' and not cuda:
        wrapper = cfg.get('model_wrapper_cfg') or dict(
            type='MMDistributedDataParallel')
        wrapper['device_ids'] = None
        cfg.model_wrapper_cfg = wrapper
    wrapper_cfg = cfg.get('optim_wrapper')
    if (not cuda and not amp and wrapper_cfg is not None
            and wrapper_cfg.get('type') == 'AmpOptimWrapper'):
        print_log('the config trains with AmpOptimWrapper, which needs a '
                  'GPU; training in fp32 on CPU', logger='current',
                  level=30)
        wrapper_cfg['type'] = 'OptimWrapper'
        wrapper_cfg.pop('loss_scale', None)
    if amp:
        if not cuda:
            raise SystemExit('--amp needs a CUDA GPU (mixed precision is not '
                             'supported on CPU by mmengine); drop --amp')
        wrapper_type = cfg.optim_wrapper.get('type', 'OptimWrapper')
        if wrapper_type != 'AmpOptimWrapper':
            cfg.optim_wrapper.type = 'AmpOptimWrapper'
            cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
