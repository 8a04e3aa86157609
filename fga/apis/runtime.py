"""Settings every fga entry point applies to a config before building the
runner."""
import torch

__all__ = ['setup_runtime']


def setup_runtime(cfg, launcher: str = 'none', amp: bool = False) -> None:
    """Pick the distributed backend and DDP wrapper for the device, and
    enable mixed precision.

    * nccl with CUDA, gloo without; on CPU, DDP gets ``device_ids=None``
      (mmengine passes the local rank, which DDP rejects for CPU modules).
    * ``amp`` needs CUDA: mmengine's ``AmpOptimWrapper`` asserts a GPU, so
      the request is refused here with a clear message.
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
    if amp:
        if not cuda:
            raise SystemExit('--amp needs a CUDA GPU (mixed precision is not '
                             'supported on CPU by mmengine); drop --amp')
        wrapper_type = cfg.optim_wrapper.get('type', 'OptimWrapper')
        if wrapper_type != 'AmpOptimWrapper':
            cfg.optim_wrapper.type = 'AmpOptimWrapper'
            cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
