"""FLOPs and parameters of a config's model, on the input its task takes.

    python tools/analysis_tools/get_flops.py CONFIG [--shape ...] \
        [--cfg-options k=v ...]

MMAction2's command line. The input is one test sample of the config:
ActionFormer (1, max_seq_len, C) features, HAAN (1, T, C) clip features,
F3AST / spotting (1, 1, 3, clip_len, H, W) clips, recognizers one view of
the test pipeline's SampleFrames. ``--shape`` gives it in full, or only H W
(frames) / T or T C (features). FLOPs are MMEngine's count (one
multiply-add = one FLOP) from backbone to head, without post-processing.
"""
import argparse

from mmengine.config import Config, DictAction

from fga.analysis.complexity import model_complexity


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='FLOPs and parameters of an fga model')
    parser.add_argument('config', help='config file')
    parser.add_argument(
        '--shape', type=int, nargs='+',
        help='the input shape in full, or H W (frames) / T or T C '
        '(features); default: one test sample of the config')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        default={}, help='override config settings')
    parser.add_argument('--table', action='store_true',
                        help='also print the per-module table')
    args = parser.parse_args(argv)
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    try:
        result = model_complexity(cfg, args.shape)
    except ValueError as err:
        raise SystemExit(f'error: {err}') from None
    if args.table:
        print(result['table'])
    line = '=' * 30
    print(f'{line}\nInput shape: {result["input_shape"]}')
    if result['note']:
        print(f'({result["note"]})')
    print(f'Flops: {result["flops_str"]}\nParams: {result["params_str"]}\n'
          f'{line}')


if __name__ == '__main__':
    main()
