from typing import Iterator, Optional, Tuple

from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.runner import BaseLoop

__all__ = ['ClassAgreementHook', 'ClassMismatchError', 'dataset_classes']


class ClassMismatchError(ValueError):
    """The model and a dataset of the config disagree on the classes."""


def _datasets(dataset, key: str) -> Iterator[Tuple[object, str]]:
    """``dataset`` and the datasets inside wrappers (Repeat, Concat, ...),
    with their config keys."""
    inner = getattr(dataset, 'datasets', None)
    if isinstance(inner, (list, tuple)):
        for i, child in enumerate(inner):
            yield from _datasets(child, f'{key}.datasets.{i}')
    elif hasattr(dataset, 'dataset') and not hasattr(dataset, 'num_classes'):
        yield from _datasets(dataset.dataset, f'{key}.dataset')
    else:
        yield dataset, key


def dataset_classes(dataset, key: str) -> Optional[Tuple[int, str]]:
    """How many classes a dataset has, and the config key that says so
    (``num_classes``, or the class file behind ``metainfo['classes']``);
    ``None`` when it does not say."""
    count = getattr(dataset, 'num_classes', None)
    if isinstance(count, int):
        return count, f'{key}.num_classes'
    classes = (getattr(dataset, 'metainfo', None) or {}).get('classes')
    if classes:
        source = getattr(dataset, 'classes_file', None)
        return len(classes), (f'{key}.classes_file ({source})' if source else
                              f"{key}.metainfo['classes']")
    return None


@HOOKS.register_module()
class ClassAgreementHook(Hook):
    """Before anything runs, compare the head's ``num_classes`` (and HAAN's
    ``num_coarse_classes``) with the classes of every dataset the run
    uses, and stop with both config keys when they differ: more head
    classes than real ones train silently on never-seen outputs, fewer
    crash deep inside torch (e.g. ``torch.embedding``) or score nonsense.
    """

    def before_run(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        heads = [(name, getattr(model, name)) for name in ('head', 'cls_head')
                 if hasattr(getattr(model, name, None), 'num_classes')]
        if not heads:
            return
        name, head = heads[0]
        loops = (('train', runner._train_loop), ('val', runner._val_loop),
                 ('test', runner._test_loop))
        for split, loop in loops:
            if not isinstance(loop, BaseLoop):
                continue
            for dataset, key in _datasets(loop.dataloader.dataset,
                                          f'{split}_dataloader.dataset'):
                self._compare(head, f'model.{name}', dataset, key)

    @staticmethod
    def _compare(head, head_key: str, dataset, key: str) -> None:
        found = dataset_classes(dataset, key)
        if found is not None and found[0] != head.num_classes:
            raise ClassMismatchError(
                f'{head_key}.num_classes is {head.num_classes} but '
                f'{found[1]} gives {found[0]} classes; they must agree')
        coarse = getattr(dataset, 'num_coarse_classes', None)
        if coarse is not None and hasattr(head, 'num_coarse_classes') and \
                coarse != head.num_coarse_classes:
            raise ClassMismatchError(
                f'{head_key}.num_coarse_classes is '
                f'{head.num_coarse_classes} but {key}.num_coarse_classes is '
                f'{coarse}; they must agree')
