"""Gaussian blur with one random draw per clip."""
from typing import Tuple

import cv2
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class ClipGaussianBlur(BaseTransform):
    """Blur every frame of a clip with probability ``p``, one sigma drawn
    from ``sigma`` per clip (the reference: kernel 5, p = 0.25)."""

    def __init__(self,
                 kernel_size: int = 5,
                 sigma: Tuple[float, float] = (0.1, 2.0),
                 p: float = 0.25) -> None:
        self.kernel_size = kernel_size
        self.sigma = sigma
        self.p = p

    def transform(self, results: dict) -> dict:
        if np.random.rand() >= self.p:
            return results
        sigma = np.random.uniform(*self.sigma)
        k = (self.kernel_size, self.kernel_size)
        results['imgs'] = [
            cv2.GaussianBlur(np.asarray(img), k, sigma)
            for img in results['imgs']
        ]
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(kernel_size={self.kernel_size}, '
                f'sigma={self.sigma}, p={self.p})')
