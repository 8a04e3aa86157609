"""Test a checkpoint: ``python tools/test.py CONFIG CHECKPOINT [options]``.

MMAction2's command line. ``--dump`` writes predictions: metrics that know a
prediction file format (e.g. ``SequenceMetric``: ``[{video, labels,
scores}]`` JSON) write it, otherwise raw results are pickled as in
MMAction2. ``--show-dir`` draws predictions (sequence timelines for
sequence models) and, unlike upstream, works.
"""
import argparse
import inspect
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))

import fga  # noqa: E402,F401  (stack fixes and registration first)
from fga.apis import add_runtime_args, load_config, setup_runtime  # noqa: E402
from fga.utils import UnsafeCheckpointError  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Test an fga checkpoint')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        '--dump', type=str,
        help='file to write the predictions to (.json for sequence and '
        'detection metrics, .pkl otherwise)')
    parser.add_argument(
        '--show-dir', help='directory to save the prediction pictures to')
    parser.add_argument(
        '--interval', type=int, default=1,
        help='visualize every N-th sample (frame-level visualizer)')
    add_runtime_args(parser)
    return parser.parse_args(argv)


def _metric_accepts(metric_cfg: dict, argument: str) -> bool:
    from mmaction.registry import METRICS
    cls = METRICS.get(metric_cfg['type'])
    return cls is not None and argument in inspect.signature(
        cls.__init__).parameters


def configure_dump(cfg, dump: str) -> None:
    evaluators = cfg.test_evaluator
    if isinstance(evaluators, dict):
        evaluators = [evaluators]
    writers = [m for m in evaluators if _metric_accepts(m, 'prediction_file')]
    if writers:
        writers[0]['prediction_file'] = dump
    else:
        evaluators.append(dict(type='DumpResults', out_file_path=dump))
    cfg.test_evaluator = evaluators


def configure_show(cfg, show_dir: str, interval: int) -> None:
    hooks = cfg.default_hooks
    hook = hooks.get('visualization')
    if hook is None or hook['type'] == 'VisualizationHook':
        hook = dict(type='VisualizationHook', interval=interval)
    hook.update(enable=True, out_dir=show_dir)
    hooks['visualization'] = hook


def main(argv=None):
    from mmengine.runner import Runner

    args = parse_args(argv)
    cfg = load_config(args)
    cfg.load_from = args.checkpoint
    cfg.resume = False
    if args.dump:
        configure_dump(cfg, args.dump)
    if args.show_dir:
        configure_show(cfg, args.show_dir, args.interval)
    setup_runtime(cfg, launcher=args.launcher)
    runner = Runner.from_cfg(cfg)
    try:
        runner.test()
    except UnsafeCheckpointError as err:
        raise SystemExit(f'error: {err}') from None


if __name__ == '__main__':
    main()
