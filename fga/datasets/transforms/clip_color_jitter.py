"""Colour jitter with one random draw per clip (F3AST's augmentation)."""
from typing import Tuple

import cv2
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


def _gray(img: np.ndarray) -> np.ndarray:
    return img @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


@TRANSFORMS.register_module()
class ClipColorJitter(BaseTransform):
    """Hue, saturation, brightness and contrast jitter, each applied with
    probability ``p`` and one factor for the whole clip; padding frames
    (``frame_valid`` False) stay zero.

    Defaults are the reference's: hue shift in [-0.2, 0.2] of a turn, the
    other factors in [0.7, 1.2], each with p = 0.25. Output is float32 in
    [0, 255].
    """

    def __init__(self,
                 hue: float = 0.2,
                 saturation: Tuple[float, float] = (0.7, 1.2),
                 brightness: Tuple[float, float] = (0.7, 1.2),
                 contrast: Tuple[float, float] = (0.7, 1.2),
                 p: float = 0.25) -> None:
        self.hue = hue
        self.saturation = saturation
        self.brightness = brightness
        self.contrast = contrast
        self.p = p

    def _draw(self, low: float, high: float):
        return np.random.uniform(low, high) if np.random.rand() < self.p \
            else None

    def transform(self, results: dict) -> dict:
        hue = self._draw(-self.hue, self.hue)
        saturation = self._draw(*self.saturation)
        brightness = self._draw(*self.brightness)
        contrast = self._draw(*self.contrast)
        valid = results.get('frame_valid')
        out = []
        for i, img in enumerate(results['imgs']):
            img = img.astype(np.float32)
            if valid is None or valid[i]:
                img = self._jitter(img, hue, saturation, brightness, contrast)
            out.append(img)
        results['imgs'] = out
        return results

    @staticmethod
    def _jitter(img, hue, saturation, brightness, contrast):
        if hue is not None:
            hsv = cv2.cvtColor(img / 255.0, cv2.COLOR_RGB2HSV)
            hsv[..., 0] = (hsv[..., 0] + hue * 360.0) % 360.0
            img = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB) * 255.0
        if saturation is not None:
            gray = _gray(img)[..., None]
            img = gray + saturation * (img - gray)
        if brightness is not None:
            img = img * brightness
        if contrast is not None:
            mean = _gray(img).mean()
            img = mean + contrast * (img - mean)
        return np.clip(img, 0, 255)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(hue={self.hue}, saturation='
                f'{self.saturation}, brightness={self.brightness}, '
                f'contrast={self.contrast}, p={self.p})')
