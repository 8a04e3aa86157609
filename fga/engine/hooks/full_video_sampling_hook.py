from mmaction.registry import HOOKS
from mmengine.hooks import Hook


@HOOKS.register_module()
class FullVideoSamplingHook(Hook):
    """Switch the training pipeline's frame sampler at ``switch_epoch``:
    the "No frame left behind" recipe trains on uniformly sampled frames
    first, then on all frames (or a long consecutive run) of each video.

    The first ``SampleFrames``-like transform of the training pipeline is
    replaced by ``sampler``. Dataloader workers must not be persistent,
    or they would keep the old pipeline.

    Args:
        switch_epoch: first epoch (0-based) with the new sampler (6 in the
            reference).
        sampler: the new sampling transform config, e.g.
            ``dict(type='SampleFrames', clip_len=32, frame_interval=1,
            num_clips=1)``.
    """

    def __init__(self, switch_epoch: int, sampler: dict) -> None:
        self.switch_epoch = switch_epoch
        self.sampler = sampler

    def before_train(self, runner) -> None:
        if runner.train_dataloader.persistent_workers:
            raise ValueError('FullVideoSamplingHook needs '
                             'train_dataloader.persistent_workers=False: '
                             'persistent workers keep the first sampler')

    def before_train_epoch(self, runner) -> None:
        if runner.epoch != self.switch_epoch:
            return
        from mmaction.registry import TRANSFORMS
        pipeline = runner.train_dataloader.dataset.pipeline
        for i, transform in enumerate(pipeline.transforms):
            if 'Sample' in type(transform).__name__:
                pipeline.transforms[i] = TRANSFORMS.build(self.sampler)
                runner.logger.info(
                    f'epoch {runner.epoch}: training sampler is now '
                    f'{self.sampler}')
                return
        raise ValueError('FullVideoSamplingHook found no sampling transform '
                         'in the training pipeline')
