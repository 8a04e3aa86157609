"""Write timeline pictures of predicted versus true sequences at test time."""
import os
import os.path as osp
from collections import defaultdict
from typing import Optional

import numpy as np
from mmaction.registry import HOOKS
from mmengine.dist import all_gather_object, is_main_process
from mmengine.hooks import Hook

from fga.visualization import plot_sequence_timelines


@HOOKS.register_module()
class SequenceVisualizationHook(Hook):
    """Collect the clips' ``pred_labels`` and ``gt_sequence`` during testing
    and draw the first ``max_videos`` videos (sorted by id) into
    ``out_dir/timelines.png``. ``tools/test.py --show-dir DIR`` enables it.

    Args:
        enable: draw at all.
        out_dir: folder of the picture; default ``<work_dir>/vis``.
        max_videos: videos in the picture.
    """

    def __init__(self,
                 enable: bool = False,
                 out_dir: Optional[str] = None,
                 max_videos: int = 6) -> None:
        self.enable = enable
        self.out_dir = out_dir
        self.max_videos = max_videos
        self._clips = defaultdict(list)
        self._gts = {}

    def before_test_epoch(self, runner) -> None:
        self._clips.clear()
        self._gts.clear()

    def after_test_iter(self, runner, batch_idx, data_batch=None,
                        outputs=None) -> None:
        if not self.enable:
            return
        for sample in outputs:
            video = sample.metainfo['video']
            self._clips[video].append(
                (sample.metainfo['clip_start_index'],
                 sample.pred_labels.cpu().numpy()))
            self._gts[video] = sample.gt_sequence.cpu().numpy()

    def after_test_epoch(self, runner, metrics=None) -> None:
        if not self.enable:
            return
        # Each rank saw some clips; the main process draws them all.
        clips, gts = defaultdict(list), {}
        for rank_clips, rank_gts in all_gather_object(
                (dict(self._clips), self._gts)):
            for video, items in rank_clips.items():
                clips[video] += items
            gts.update(rank_gts)
        if not is_main_process() or not clips:
            return
        videos = []
        for video in sorted(clips)[:self.max_videos]:
            ordered = sorted(clips[video], key=lambda c: c[0])
            pred = np.concatenate([c[1] for c in ordered]).tolist()
            videos.append((video, gts[video].tolist(), pred))
        out_dir = self.out_dir or osp.join(runner.work_dir, 'vis')
        os.makedirs(out_dir, exist_ok=True)
        out_file = plot_sequence_timelines(
            videos, runner.test_dataloader.dataset.metainfo['classes'],
            osp.join(out_dir, 'timelines.png'))
        runner.logger.info(f'sequence timelines written to {out_file}')
