"""The main job on the embedded data: synthesise SynthRally, train, test,
print the sequence metrics and draw predicted versus true sequences.

    python tools/run_synthrally.py [--config CFG] [--work-dir DIR] \
        [--data DIR] [--seed S] [--videos N]

SynthRally is rendered by two processes: ``--videos`` rallies, 60 of them
for validation and 60 for test, the rest for training (rendering is cheap;
more distinct rallies teach the visual attributes faster than more epochs).

Each step is the command a user would type, printed before it runs.
"""
import argparse
import os
import os.path as osp
import subprocess
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
DEFAULT_CONFIG = ('configs/f3ast/'
                  'f3ast_coordcnn_1xb8-64x2-8e_synthrally-rgb.py')


def run(args):
    print('+ ' + ' '.join(args), flush=True)
    subprocess.run(args, cwd=ROOT, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--config', default=DEFAULT_CONFIG)
    parser.add_argument('--data', default='data/synthrally')
    parser.add_argument('--work-dir', default='work_dirs/synthrally')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--videos', type=int, default=1500)
    args = parser.parse_args(argv)
    start = time.time()
    py = sys.executable
    if not osp.isfile(osp.join(ROOT, args.data, 'test.json')):
        run([py, 'tools/data/synthesize.py', 'synthrally', '--out', args.data,
             '--seed', str(args.seed), '--videos', str(args.videos),
             '--held-out', '60', '--workers', '2'])
    data_option = [
        f'{loader}.dataset.data_root={args.data}'
        for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader')
    ]
    run([py, 'tools/train.py', args.config, '--work-dir', args.work_dir,
         '--seed', str(args.seed), '--cfg-options'] + data_option)
    with open(osp.join(ROOT, args.work_dir, 'last_checkpoint')) as f:
        last = f.read().strip()
    best = [f for f in os.listdir(osp.join(ROOT, args.work_dir))
            if f.startswith('best_')]
    checkpoint = osp.join(args.work_dir, best[0]) if best else last
    dump = osp.join(args.work_dir, 'test_predictions.json')
    show_dir = osp.join(args.work_dir, 'vis')
    run([py, 'tools/test.py', args.config, checkpoint, '--work-dir',
         args.work_dir, '--dump', dump, '--show-dir', show_dir,
         '--cfg-options'] + data_option)
    print(f'\nSynthRally test split ({time.time() - start:.0f} s in all); '
          f'predictions {dump}, timelines '
          f'{osp.join(show_dir, "timelines.png")}', flush=True)
    run([py, 'tools/analysis_tools/eval_sequences.py',
         osp.join(args.data, 'test.json'), dump, '--classes',
         osp.join(args.data, 'classes.txt'), '--attributes', 'side', 'hand',
         'type', 'direction', 'outcome'])


if __name__ == '__main__':
    main()
