"""Decode video files with decord, zero-padding indices outside the video."""
import os.path as osp
import warnings

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from .padded_frames import stack_with_padding


@TRANSFORMS.register_module()
class PaddedDecordDecode(BaseTransform):
    """Decode ``results['filename']`` at ``frame_inds`` with decord.

    Indices < 0 or >= ``num_frames`` are zero frames; if the file has fewer
    frames than ``num_frames`` the rest are zero padding, with a warning. A
    missing or undecodable file raises an error naming it.

    Added keys: ``imgs``, ``frame_valid``, ``original_shape``, ``img_shape``.
    """

    def __init__(self, num_threads: int = 1) -> None:
        self.num_threads = num_threads

    def transform(self, results: dict) -> dict:
        import decord
        path = results['filename']
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'video {results.get("video")}: file {path} does not exist')
        try:
            reader = decord.VideoReader(path, num_threads=self.num_threads)
        except Exception as err:  # decord raises its own DECORDError
            raise OSError(f'cannot open video {path}: {err}') from None
        available = min(len(reader), results['num_frames'])
        if len(reader) < results['num_frames']:
            warnings.warn(f'video {path} has {len(reader)} frames, the '
                          f'annotation says {results["num_frames"]}; the '
                          'rest is zero padding')
        wanted = sorted({int(i) for i in results['frame_inds']
                         if 0 <= i < available})
        frames = {}
        if wanted:
            try:
                batch = reader.get_batch(wanted).asnumpy()
            except Exception as err:
                raise OSError(f'cannot decode frames of {path}: {err}') \
                    from None
            frames = dict(zip(wanted, batch))
            shape = batch.shape[1:]
        else:
            shape = reader[0].shape
        imgs, valid = stack_with_padding(frames, results['frame_inds'], shape)
        results['imgs'] = imgs
        results['frame_valid'] = valid
        results['original_shape'] = tuple(shape[:2])
        results['img_shape'] = tuple(shape[:2])
        return results
