"""What ``tools/train.py`` and ``tools/test.py`` do to their command lines
and configs before building the runner."""
import argparse
import inspect
import os
import os.path as osp
from typing import Optional

import torch
from mmengine.logging import print_log

__all__ = [
    'add_runtime_args', 'load_config', 'setup_runtime', 'configure_train',
    'configure_test', 'latest_checkpoint', 'check_dump_target', 'run'
]


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


def configure_train(cfg, args: argparse.Namespace) -> None:
    """Apply ``tools/train.py``'s options: ``--no-validate``, ``--resume``,
    ``--auto-scale-lr``, ``--seed``, ``--diff-rank-seed``,
    ``--deterministic``."""
    if args.no_validate:
        cfg.val_cfg = None
        cfg.val_dataloader = None
        cfg.val_evaluator = None
    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = latest_checkpoint(cfg.work_dir)
    elif args.resume is not None:
        if not osp.isfile(args.resume):
            raise SystemExit(f'--resume: checkpoint {args.resume} does not '
                             'exist')
        cfg.resume = True
        cfg.load_from = args.resume
    elif getattr(args, 'auto_resume', False):
        cfg.resume = True
        cfg.load_from = None
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


def latest_checkpoint(work_dir: str) -> str:
    """The checkpoint ``--resume`` continues from: the one
    ``last_checkpoint`` names in ``work_dir``. A missing work dir, a missing
    record or a record naming a deleted file stops the program with a
    message (``--auto-resume`` is the lenient form)."""
    record = osp.join(work_dir, 'last_checkpoint')
    if not osp.isfile(record):
        found = sorted(f for f in os.listdir(work_dir)
                       if f.endswith('.pth')) if osp.isdir(work_dir) else []
        raise SystemExit(
            f'--resume: nothing to resume in {work_dir} (no last_checkpoint'
            f'{"; it holds " + ", ".join(found[:5]) if found else ""}). '
            'Check --work-dir, pass --resume CHECKPOINT, start without '
            '--resume, or use --auto-resume to resume only when there is '
            'something to resume')
    with open(record, encoding='utf-8') as f:
        path = f.read().strip()
    if not osp.isfile(path):
        raise SystemExit(f'--resume: {record} names {path}, which does not '
                         'exist; pass --resume CHECKPOINT')
    return path


def check_dump_target(path: str) -> None:
    """Fail before a test runs when ``path`` cannot be written."""
    folder = osp.dirname(osp.abspath(path)) or '.'
    try:
        os.makedirs(folder, exist_ok=True)
        probe = osp.join(folder, f'.fga-write-test-{os.getpid()}')
        with open(probe, 'w'):
            pass
        os.remove(probe)
    except OSError as err:
        raise SystemExit(f'--dump: cannot write to {folder} ({err.strerror})'
                         ) from None
    if osp.isdir(path):
        raise SystemExit(f'--dump: {path} is a folder; give a file name')


def _metric_accepts(metric_cfg: dict, argument: str) -> bool:
    from mmaction.registry import METRICS
    cls = METRICS.get(metric_cfg['type'])
    return cls is not None and argument in inspect.signature(
        cls.__init__).parameters


def configure_test(cfg,
                   checkpoint: str,
                   dump: Optional[str] = None,
                   show_dir: Optional[str] = None,
                   interval: int = 1) -> None:
    """Test ``checkpoint``, which must fit the model exactly
    (``CheckpointFitHook(strict=True)``); ``dump`` goes to the first metric
    that writes a prediction file (otherwise MMAction2's ``DumpResults``
    pickles the raw results); ``show_dir`` enables the config's
    visualization hook."""
    cfg.load_from = checkpoint
    cfg.resume = False
    cfg.setdefault('default_hooks', dict())['checkpoint_fit'] = dict(
        type='CheckpointFitHook', strict=True)
    if dump:
        check_dump_target(dump)
        evaluators = cfg.test_evaluator
        if isinstance(evaluators, dict):
            evaluators = [evaluators]
        writers = [
            m for m in evaluators if _metric_accepts(m, 'prediction_file')
        ]
        if writers:
            writers[0]['prediction_file'] = dump
        else:
            evaluators.append(dict(type='DumpResults', out_file_path=dump))
        cfg.test_evaluator = evaluators
    if show_dir:
        # MMAction2's VisualizationHook draws only 2D frames of recognizers
        # (and crashes on localizers' sparse predictions): fga's draws every
        # task.
        hooks = cfg.default_hooks
        hook = hooks.get('visualization')
        if hook is None or hook['type'] == 'VisualizationHook':
            hook = dict(type='PredictionVisualizationHook')
        hook.update(enable=True, out_dir=show_dir, interval=interval)
        hooks['visualization'] = hook


def run(cfg, mode: str):
    """Check ``cfg`` (:func:`~fga.engine.config_checks.check_config`),
    build its runner and ``train`` or ``test``. A mistake in the config or
    in a data or checkpoint file ends the program with one line naming it
    instead of a traceback."""
    from mmengine.runner import Runner

    from .config_checks import check_config, user_error
    try:
        check_config(cfg)
        runner = Runner.from_cfg(cfg)
        return getattr(runner, mode)()
    except Exception as err:
        message = user_error(err)
        if message is None:
            raise
        raise SystemExit(f'error: {message}') from None
