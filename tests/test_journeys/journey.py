"""Helpers of the journey tests: running a tool the way a user does, in
this process (a fresh interpreter per step would spend most of the budget
importing torch), and reading what it wrote."""
import contextlib
import glob
import io
import json
import os.path as osp
import runpy

import numpy as np
import torch

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


class ToolFailed(AssertionError):
    pass


def run_tool(name: str, *args) -> str:
    """``python tools/NAME ARGS...`` → what it printed; a non-zero exit
    fails with its output."""
    main = runpy.run_path(osp.join(REPO_ROOT, 'tools', name))['main']
    argv = [str(a) for a in args]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            main(argv)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            raise ToolFailed(f'tools/{name} {" ".join(argv)} exited with '
                             f'{exc.code}:\n{out.getvalue()[-3000:]}')
    return out.getvalue()


def last_json(printed: str):
    """The JSON a tool printed on its last line."""
    return json.loads(printed.strip().splitlines()[-1])


def logged_metrics(work_dir: str) -> dict:
    """The metrics ``tools/test.py`` logged to its work dir's JSON log
    (without its timings)."""
    logs = sorted(glob.glob(osp.join(work_dir, '*', '*.json')))
    assert logs, f'no JSON log in {work_dir}'
    with open(logs[-1]) as f:
        logged = json.loads(f.read().strip().splitlines()[-1])
    return {k: v for k, v in logged.items() if k not in ('time', 'data_time')}


def assert_picture(path: str, min_colours: int = 4) -> None:
    """A PNG that shows something: a real size and several colours."""
    import cv2
    assert osp.isfile(path), f'{path} was not written'
    image = cv2.imread(path)
    assert image is not None and min(image.shape[:2]) >= 100, path
    colours = np.unique(image.reshape(-1, 3)[::7], axis=0)
    assert len(colours) >= min_colours, f'{path}: {len(colours)} colours'


def write_video(path: str, frames) -> str:
    """An MJPG ``.avi`` of (H, W, 3) BGR uint8 frames at 25 fps."""
    import cv2
    frames = list(frames)
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*'MJPG'), 25,
                             (width, height))
    for frame in frames:
        writer.write(frame)
    writer.release()
    return str(path)


def frame_folder_video(folder: str, path: str) -> str:
    """The JPEG frames of ``folder`` (in name order) as a video file."""
    import cv2
    names = sorted(glob.glob(osp.join(folder, '*.jpg')))
    return write_video(path, (cv2.imread(n) for n in names))


def load_state_dict(checkpoint: str) -> dict:
    return torch.load(checkpoint, map_location='cpu',
                      weights_only=True)['state_dict']


def invert_prefixes(state_dict: dict, key_map, skip=()) -> dict:
    """A state dict renamed by a converter's ``(foreign prefix, fga
    prefix)`` map read backwards: fga's weights as the foreign code names
    them. Every key must have a foreign name (or be in ``skip``)."""
    out = {}
    for key, value in state_dict.items():
        if key in skip:
            continue
        foreign = [old + key[len(new):] for old, new in key_map
                   if key.startswith(new)]
        assert foreign, f'{key} has no name in the released format'
        out[foreign[0]] = value
    return out


def assert_same_weights(converted: str, state_dict: dict, skip=()) -> None:
    """The converted checkpoint holds exactly the weights it came from."""
    weights = load_state_dict(converted)
    expected = {k: v for k, v in state_dict.items() if k not in skip}
    assert set(weights) - set(skip) == set(expected)
    for key, value in expected.items():
        assert torch.equal(weights[key], value), key


def rename_by_patterns(state_dict: dict, rules, prefix: str = '') -> dict:
    """fga names → a foreign format by ``(regex over the whole fga key,
    template)`` rules (first match wins), each name given ``prefix``.
    Every key must have a foreign name."""
    import re
    out = {}
    for key, value in state_dict.items():
        for pattern, template in rules:
            match = re.fullmatch(pattern, key)
            if match:
                out[prefix + match.expand(template)] = value
                break
        else:
            raise AssertionError(f'{key} has no name in the released format')
    return out


# MMAction2's ResNet names → torchvision's, which TSM and IBM save.
TORCHVISION_RESNET_NAMES = [
    (r'backbone\.conv1\.conv\.weight', r'conv1.weight'),
    (r'backbone\.conv1\.bn\.(\w+)', r'bn1.\1'),
    (r'backbone\.(layer\d\.\d+)\.conv(\d)\.conv\.weight', r'\1.conv\2.weight'),
    (r'backbone\.(layer\d\.\d+)\.conv(\d)\.bn\.(\w+)', r'\1.bn\2.\3'),
    (r'backbone\.(layer\d\.\d+)\.downsample\.conv\.weight',
     r'\1.downsample.0.weight'),
    (r'backbone\.(layer\d\.\d+)\.downsample\.bn\.(\w+)',
     r'\1.downsample.1.\2'),
]
# The full-video reference (TSM's main.py): ``module.base_model.*`` with the
# shifted ``conv1.net``, and the dropout head ``module.new_fc``.
TSM_RELEASE_NAMES = [
    (r'cls_head\.fc_cls\.(\w+)', r'new_fc.\1'),
    (r'backbone\.(layer\d\.\d+)\.conv1\.conv\.net\.weight',
     r'base_model.\1.conv1.net.weight'),
] + [(pattern, 'base_model.' + template)
     for pattern, template in TORCHVISION_RESNET_NAMES]
# IBM's TAM-ResNet: torchvision names, the 3-frame TAM's prev/curr/next
# scales and ``fc``.
IBM_TAM_RESNET_NAMES = [
    (r'cls_head\.fc_cls\.(\w+)', r'fc.\1'),
    (r'backbone\.(layer\d\.\d+)\.conv1\.tam\.branches\.0\.weight',
     r'\1.tam.prev_se.fc1.weight'),
    (r'backbone\.(layer\d\.\d+)\.conv1\.tam\.branches\.1\.weight',
     r'\1.tam.curr_se.fc1.weight'),
    (r'backbone\.(layer\d\.\d+)\.conv1\.tam\.branches\.2\.weight',
     r'\1.tam.next_se.fc1.weight'),
] + TORCHVISION_RESNET_NAMES


FEATURE_EXTRACTOR = """
model = dict(
    type='Recognizer3D',
    backbone=dict(type='ResNet3d', depth=18, base_channels={width},
                  pretrained=None, pretrained2d=False, conv1_stride_t=1,
                  pool1_stride_t=1, inflate=(0, 0, 1, 1)),
    cls_head=dict(type='I3DHead', num_classes=3, in_channels={channels}),
    data_preprocessor=dict(type='ActionDataPreprocessor',
                           mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375],
                           format_shape='NCTHW'))
"""


def feature_extractor(folder, base_channels: int):
    """A random 3D ResNet-18 whose pooled features are
    ``8 * base_channels``-d (a config and its checkpoint in ``folder``),
    for the ``feature_extractor`` of a localizer config."""
    from mmaction.registry import MODELS
    from mmengine.config import Config
    name = f'r3d18_w{base_channels}_features'
    config = folder / f'{name}.py'
    config.write_text(FEATURE_EXTRACTOR.format(
        width=base_channels, channels=8 * base_channels))
    torch.manual_seed(0)
    weights = folder / f'{name}.pth'
    torch.save(dict(state_dict=MODELS.build(
        Config.fromfile(str(config)).model).state_dict()), weights)
    return config, weights
