import os
import os.path as osp
import re

from mmaction.registry import HOOKS
from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook

from fga.utils.atomic_files import (atomic_write, fsync_directory,
                                    remove_stale_partials, temporary_sibling)

_PARTIAL = re.compile(r'^\.(?P<name>.+)\.partial-\d+$')


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """MMEngine's ``CheckpointHook`` (same arguments) that never leaves the
    work dir without a complete checkpoint to resume from.

    MMEngine deletes the oldest kept checkpoint (and, with ``save_best``,
    the previous best) before writing the new one, and writes in place: a
    kill during the save leaves a truncated file while ``last_checkpoint``
    may point at the deleted one. Here every checkpoint is written to a
    temporary file in the same folder, flushed to disk and renamed; then
    ``last_checkpoint`` is replaced atomically; only then are outdated
    checkpoints removed. Temporary files of killed runs are cleaned up.
    """

    def before_train(self, runner) -> None:
        super().before_train(runner)
        if is_main_process() and osp.isdir(self.out_dir):
            for name in os.listdir(self.out_dir):
                match = _PARTIAL.match(name)
                if match:
                    for path in remove_stale_partials(
                            osp.join(self.out_dir, match['name'])):
                        runner.logger.info('removed the unfinished '
                                           f'checkpoint {path} of a killed '
                                           'run')

    def _save_atomically(self, runner, filename: str, **kwargs) -> None:
        """``runner.save_checkpoint`` into a temporary name, then rename."""
        final = self.file_backend.join_path(self.out_dir, filename)
        if not osp.isdir(self.out_dir):
            # A remote backend: the rename below is not available.
            runner.save_checkpoint(self.out_dir, filename, **kwargs)
            return
        tmp = temporary_sibling(final, 'partial')
        runner.save_checkpoint(self.out_dir, osp.basename(tmp), **kwargs)
        if not is_main_process():
            return
        with open(tmp, 'rb+') as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
        fsync_directory(self.out_dir)

    def _remove(self, path: str) -> None:
        if self.file_backend.isfile(path):
            self.file_backend.remove(path)
        elif self.file_backend.isdir(path):
            # Checkpoints saved by DeepSpeed are folders.
            self.file_backend.rmtree(path)

    def _save_checkpoint_with_step(self, runner, step, meta):
        outdated = None
        if self.max_keep_ckpts > 0 and not (self.keep_ckpt_ids and
                                            self.keep_ckpt_ids[-1] == step):
            if len(self.keep_ckpt_ids) == self.max_keep_ckpts:
                outdated = self.keep_ckpt_ids.popleft()
            # The list is updated before the save so that the checkpoint
            # records which ones are kept.
            self.keep_ckpt_ids.append(step)
            runner.message_hub.update_info('keep_ckpt_ids',
                                           list(self.keep_ckpt_ids))
        ckpt_filename = self.filename_tmpl.format(step)
        self.last_ckpt = self.file_backend.join_path(self.out_dir,
                                                     ckpt_filename)
        runner.message_hub.update_info('last_ckpt', self.last_ckpt)
        self._save_atomically(
            runner,
            ckpt_filename,
            file_client_args=self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler,
            meta=meta,
            by_epoch=self.by_epoch,
            backend_args=self.backend_args,
            **self.args)
        if not is_main_process():
            return
        with atomic_write(osp.join(runner.work_dir, 'last_checkpoint')) as f:
            f.write(self.last_ckpt)
        if outdated is not None and outdated != step:
            self._remove(
                self.file_backend.join_path(
                    self.out_dir, self.filename_tmpl.format(outdated)))

    def _best_key(self, key_indicator: str, kind: str) -> str:
        """Message-hub key of the best ``score`` / ``ckpt``."""
        if len(self.key_indicators) == 1:
            return f'best_{kind}'
        return f'best_{kind}_{key_indicator}'

    def _save_best_checkpoint(self, runner, metrics) -> None:
        """Keep the best checkpoint per key indicator, as MMEngine does,
        but write the new best before removing the previous one."""
        if not self.save_best:
            return
        if self.by_epoch:
            ckpt_filename = self.filename_tmpl.format(runner.epoch)
            cur_type, cur_time = 'epoch', runner.epoch
        else:
            ckpt_filename = self.filename_tmpl.format(runner.iter)
            cur_type, cur_time = 'iter', runner.iter
        meta = dict(epoch=runner.epoch, iter=runner.iter)
        if 'auto' in self.key_indicators:
            self._init_rule(self.rules, [list(metrics.keys())[0]])
        updated = False
        hub = runner.message_hub
        for key_indicator, rule in zip(self.key_indicators, self.rules):
            score = metrics[key_indicator]
            score_key = self._best_key(key_indicator, 'score')
            best = hub.get_info(score_key, self.init_value_map[rule])
            if score is None or not self.is_better_than[key_indicator](
                    score, best):
                continue
            updated = True
            hub.update_info(score_key, score)
            single = len(self.key_indicators) == 1
            previous = (self.best_ckpt_path if single else
                        self.best_ckpt_path_dict.get(key_indicator))
            name = f'best_{key_indicator}_{ckpt_filename}'.replace('/', '_')
            path = self.file_backend.join_path(self.out_dir, name)
            if single:
                self.best_ckpt_path = path
            else:
                self.best_ckpt_path_dict[key_indicator] = path
            hub.update_info(self._best_key(key_indicator, 'ckpt'), path)
            self._save_atomically(
                runner,
                name,
                file_client_args=self.file_client_args,
                save_optimizer=False,
                save_param_scheduler=False,
                meta=meta,
                by_epoch=False,
                backend_args=self.backend_args)
            runner.logger.info(
                f'The best checkpoint with {score:0.4f} {key_indicator} at '
                f'{cur_time} {cur_type} is saved to {name}.')
            if previous and previous != path and is_main_process():
                self._remove(previous)
                runner.logger.info(
                    f'The previous best checkpoint {previous} is removed')
        # Save the latest checkpoint again: the one written before this
        # evaluation records the previous best in its message hub.
        if updated and self.last_ckpt is not None:
            self._save_checkpoint_with_step(runner, cur_time, meta)
