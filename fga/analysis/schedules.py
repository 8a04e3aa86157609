"""The learning rate and momentum a config's parameter schedulers give at
every training iteration, without data or a model
(``tools/analysis_tools/vis_scheduler.py``)."""
import copy
import math
import warnings
from typing import Optional

import numpy as np
import torch.nn as nn

from fga.visualization.palette import save_figure

__all__ = ['iterations_per_epoch', 'simulate_schedule', 'plot_schedule']


def iterations_per_epoch(dataset_size: int, batch_size: int,
                         num_gpus: int = 1) -> int:
    """Iterations of one epoch: every sample once, a last smaller batch
    included (MMEngine's default ``drop_last=False``)."""
    if dataset_size < 1 or batch_size < 1 or num_gpus < 1:
        raise ValueError('dataset size, batch size and GPU count must be '
                         f'>= 1, got {dataset_size}, {batch_size}, '
                         f'{num_gpus}')
    return math.ceil(dataset_size / (batch_size * num_gpus))


def simulate_schedule(cfg, iters_per_epoch: Optional[int] = None) -> dict:
    """Step ``cfg.param_scheduler`` over ``cfg.train_cfg`` as MMEngine's
    ``ParamSchedulerHook`` does (iteration-based schedulers after every
    iteration, epoch-based ones after every epoch) on a stand-in model
    with the config's optimizer and parameter-wise settings.

    Args:
        cfg: an mmengine Config with ``optim_wrapper``, ``param_scheduler``
            and ``train_cfg``.
        iters_per_epoch: iterations of one epoch; needed for epoch-based
            loops.

    Returns:
        ``iteration`` (N,), ``iters_per_epoch`` (None for iteration-based
        loops), ``epoch`` (N,) (fractional, NaN for iteration-based loops),
        ``lr`` (N,) and ``momentum`` (N,) of the first parameter group at
        each iteration (momentum: SGD's, or Adam's first beta; NaN when the
        optimizer has none).
    """
    from mmaction.registry import PARAM_SCHEDULERS
    from mmengine.optim import build_optim_wrapper
    from mmengine.registry import init_default_scope
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    train_cfg = cfg.train_cfg
    by_epoch = 'max_epochs' in train_cfg
    if by_epoch:
        if not iters_per_epoch:
            raise ValueError('an epoch-based schedule needs the iterations '
                             'per epoch (--dataset-size)')
        epochs, per_epoch = int(train_cfg.max_epochs), int(iters_per_epoch)
    else:
        epochs, per_epoch = 1, int(train_cfg.max_iters)
    model = nn.Sequential(nn.Linear(2, 2), nn.LayerNorm(2))
    optim_wrapper = build_optim_wrapper(model,
                                        copy.deepcopy(cfg.optim_wrapper))
    schedulers = cfg.get('param_scheduler') or []
    if isinstance(schedulers, dict):
        schedulers = [schedulers]
    built = []
    for scheduler in schedulers:
        scheduler = copy.deepcopy(scheduler)
        scheduler.setdefault('by_epoch', by_epoch)
        if scheduler['by_epoch'] and not by_epoch:
            raise ValueError(f'{scheduler["type"]} is epoch-based but the '
                             'train loop counts iterations')
        # MMEngine's default end: the whole run.
        scheduler.setdefault(
            'end', epochs if scheduler['by_epoch'] else epochs * per_epoch)
        built.append(
            PARAM_SCHEDULERS.build(
                scheduler,
                default_args=dict(optimizer=optim_wrapper,
                                  epoch_length=per_epoch)))
    lrs, momenta = [], []
    # Nothing is optimised here, so torch's warning about stepping a
    # scheduler before its optimizer does not apply.
    with warnings.catch_warnings():
        warnings.filterwarnings(
            'ignore', message='Detected call of `scheduler.step',
            category=UserWarning)
        for _ in range(epochs):
            for _ in range(per_epoch):
                lrs.append(optim_wrapper.get_lr()['lr'][0])
                momentum = optim_wrapper.get_momentum().get('momentum', [])
                momenta.append(momentum[0] if momentum else float('nan'))
                for scheduler in built:
                    if not scheduler.by_epoch:
                        scheduler.step()
            for scheduler in built:
                if scheduler.by_epoch:
                    scheduler.step()
    iteration = np.arange(len(lrs))
    return dict(
        iteration=iteration,
        iters_per_epoch=per_epoch if by_epoch else None,
        epoch=iteration / per_epoch if by_epoch else np.full(
            len(lrs), np.nan),
        lr=np.asarray(lrs, dtype=float),
        momentum=np.asarray(momenta, dtype=float))


def plot_schedule(schedule: dict, out_file: str,
                  title: Optional[str] = None) -> None:
    """Learning rate (and momentum, when it changes) against iterations
    (and epochs), as a PNG."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    momentum = schedule['momentum']
    varies = np.isfinite(momentum).all() and np.ptp(momentum) > 0
    fig, axes = plt.subplots(2 if varies else 1, 1,
                             figsize=(8, 6 if varies else 3.5), squeeze=False)
    panels = [('learning rate', schedule['lr'])]
    if varies:
        panels.append(('momentum', momentum))
    for ax, (name, values) in zip(axes[:, 0], panels):
        ax.plot(schedule['iteration'], values, linewidth=1.2)
        ax.set_ylabel(name)
        ax.set_xlabel('iteration')
        ax.grid(alpha=0.3)
        per_epoch = schedule['iters_per_epoch']
        if per_epoch:
            top = ax.secondary_xaxis(
                'top', functions=(lambda x: x / per_epoch,
                                  lambda e: e * per_epoch))
            top.set_xlabel('epoch')
    if title:
        fig.suptitle(title)
    save_figure(fig, out_file, dpi=100)
