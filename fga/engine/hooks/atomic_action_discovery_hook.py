from typing import Dict, List, Union

import numpy as np
import torch
from mmaction.registry import HOOKS
from mmengine.dist import broadcast_object_list, get_rank
from mmengine.hooks import Hook
from mmengine.logging import MMLogger
from mmengine.model import is_model_wrapper


@HOOKS.register_module()
class AtomicActionDiscoveryHook(Hook):
    """HAAN's atomic-action discovery: before every ``interval``-th epoch,
    encode every clip of the training videos, fit KMeans on a random
    ``sample_rate`` share of them, assign all clips to clusters (their
    pseudo labels) and use each cluster's relative frequency as its
    cross-entropy weight.

    Only rank 0 encodes and clusters; the labels are broadcast, so every
    process trains with the same ones. They are saved with every checkpoint
    (``checkpoint['atomic_action_labels']``; the cluster weights are a
    buffer of the head) and restored on ``--resume``, so a run resumed at
    any epoch trains with the labels it had.

    Args:
        interval: epochs between refreshes (5).
        sample_rate: share of clips the KMeans is fitted on (FineGym 0.1,
            FineAction 0.03).
        n_init: KMeans restarts. ``'auto'`` (default) is one k-means++ run,
            what the reference's ``KMeans(n_clusters=K, random_state=0)``
            does on current scikit-learn (≥ 1.4); 10 reproduces scikit-learn
            0.24.1, the authors' version (ten times the clustering time).
        random_state: KMeans seed (0, as the reference).
        seed: seed of the clip sample (drawn anew at every refresh).
    """

    priority = 'NORMAL'

    def __init__(self,
                 interval: int = 5,
                 sample_rate: float = 0.1,
                 n_init: Union[int, str] = 'auto',
                 random_state: int = 0,
                 seed: int = 0) -> None:
        self.interval = interval
        self.sample_rate = sample_rate
        self.n_init = n_init
        self.random_state = random_state
        self.seed = seed

    @staticmethod
    def _head(runner):
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        return model.head

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        labels = self._head(runner).atomic_labels
        if labels:
            checkpoint['atomic_action_labels'] = {
                index: assignment.clone()
                for index, assignment in labels.items()
            }

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        labels = checkpoint.get('atomic_action_labels')
        if labels:
            head = self._head(runner)
            # The cluster weights arrive with the state dict.
            head.set_atomic_labels(labels, head.atomic_weights)

    def before_train_epoch(self, runner) -> None:
        if runner.epoch % self.interval:
            return
        head = self._head(runner)
        payload: List = [None]
        if get_rank() == 0:
            payload[0] = self.discover(head, runner.train_dataloader.dataset,
                                       runner.epoch)
        broadcast_object_list(payload, src=0)
        labels, weights = payload[0]
        head.set_atomic_labels(labels, weights)

    @torch.no_grad()
    def discover(self, head, dataset, epoch: int):
        from sklearn.cluster import KMeans
        logger = MMLogger.get_current_instance()
        was_training = head.training
        head.eval()
        device = next(head.parameters()).device
        indices, clips = [], []
        for i in range(len(dataset)):
            item = dataset[i]
            feats = item['inputs'].to(device).float()
            clips.append(head.encode(feats).cpu().numpy())
            indices.append(int(item['data_samples'].metainfo['video_index']))
        head.train(was_training)
        all_clips = np.concatenate(clips)
        num_clusters = head.num_atomic_actions
        rng = np.random.default_rng(self.seed + epoch)
        count = int(self.sample_rate * len(all_clips))
        if count < num_clusters:
            raise ValueError(
                f'atomic-action discovery samples {count} of '
                f'{len(all_clips)} clips (sample_rate {self.sample_rate}), '
                f'fewer than the {num_clusters} clusters; raise sample_rate '
                'or lower num_atomic_actions')
        sample = all_clips[rng.permutation(len(all_clips))[:count]]
        logger.info(f'atomic-action discovery: KMeans with {num_clusters} '
                    f'clusters on {count} of {len(all_clips)} clips')
        kmeans = KMeans(n_clusters=num_clusters, n_init=self.n_init,
                        random_state=self.random_state).fit(sample)
        assignment = kmeans.predict(all_clips)
        weights = np.bincount(assignment, minlength=num_clusters) / len(
            assignment)
        bounds = np.cumsum([0] + [len(c) for c in clips])
        labels: Dict[int, np.ndarray] = {
            index: assignment[bounds[k]:bounds[k + 1]]
            for k, index in enumerate(indices)
        }
        return labels, weights.astype(np.float32)
