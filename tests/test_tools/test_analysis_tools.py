"""The analysis tools users know from MMAction2 (get_flops, analyze_logs,
vis_scheduler, confusion_matrix) and per_class.py, run in-process on fga
configs and outputs."""
import json
import os
import pickle

import numpy as np
import pytest
import torch
from mmengine.config import Config

from fga.datasets.synthetic import generate_synthfeat
from tests.test_journeys.journey import ToolFailed, assert_picture, run_tool

ACTIONFORMER = ('configs/actionformer/'
                'actionformer_convtransformer-d64_1xb4-30e_synthfeat.py')
HAAN = 'configs/haan/haan_mlp-d64_1xb2-40e_synthweak.py'
F3AST = 'configs/f3ast/f3ast_r3d18-quarter_1xb4-64x2-12e_synthrally-rgb.py'
FULL_VIDEO = ('configs/full_video/'
              'full-video-tsm_r18_1xb8-cumulative-g8-3e_move4mnist-rgb.py')
CLASSES = ['near_fh_stroke_CC_in', 'near_bh_stroke_CC_in',
           'far_fh_stroke_DL_in', 'far_-_serve_T_in']
ATTRIBUTES = ['side', 'hand', 'type', 'direction', 'outcome']


def _params(config):
    from mmaction.registry import MODELS
    model = MODELS.build(Config.fromfile(config).model)
    return sum(p.numel() for p in model.parameters())


# get_flops -----------------------------------------------------------------


def test_flops_of_feature_localizers(repo_root):
    from fga.analysis.complexity import model_complexity
    cfg = Config.fromfile(f'{repo_root}/{ACTIONFORMER}')
    result = model_complexity(cfg)
    # ActionFormer sees its training length of its feature size.
    assert result['input_shape'] == (1, 576, 32)
    assert result['flops'] > 0
    assert result['params'] == _params(f'{repo_root}/{ACTIONFORMER}')
    # HAAN is per-step MLPs: FLOPs grow linearly with the sequence.
    cfg = Config.fromfile(f'{repo_root}/{HAAN}')
    short = model_complexity(cfg, [128])
    long = model_complexity(cfg, [256, 64])
    assert short['input_shape'] == (1, 128, 64)
    assert long['input_shape'] == (1, 256, 64)
    assert long['flops'] == 2 * short['flops']
    assert long['params'] == _params(f'{repo_root}/{HAAN}')


def test_get_flops_cli_on_every_task(repo_root):
    printed = run_tool('analysis_tools/get_flops.py', f'{repo_root}/{HAAN}')
    assert 'Input shape: (1, 256, 64)' in printed
    assert '256 clip features assumed' in printed
    assert 'Flops: ' in printed and 'Params: ' in printed
    printed = run_tool('analysis_tools/get_flops.py',
                       f'{repo_root}/{F3AST}', '--shape', '32', '48')
    # The F3AST clip: one sample of clip_len frames.
    assert 'Input shape: (1, 1, 3, 64, 32, 48)' in printed
    printed = run_tool('analysis_tools/get_flops.py',
                       f'{repo_root}/{FULL_VIDEO}', '--shape', '32', '32')
    # TSM (2D, NCHW): the 8 sampled frames of one view.
    assert 'Input shape: (1, 8, 3, 32, 32)' in printed
    with pytest.raises(ToolFailed, match='does not fit'):
        run_tool('analysis_tools/get_flops.py', f'{repo_root}/{F3AST}',
                 '--shape', '1', '2', '3')


# analyze_logs --------------------------------------------------------------


def _scalars(path):
    records = []
    for epoch, times in ((1, [5.0, 1.0, 1.2]), (2, [4.0, 2.0, 2.2])):
        for i, t in enumerate(times):
            step = (epoch - 1) * 30 + 10 * (i + 1)
            records.append(dict(lr=0.1 / epoch, loss=3.0 - 0.1 * step / 10,
                                time=t, data_time=0.1, epoch=epoch,
                                iter=step, step=step))
        records.append({'seq/edit': 40.0 + 10 * epoch, 'step': epoch})
    path.write_text(''.join(json.dumps(r) + '\n' for r in records))
    return str(path)


def test_analyze_logs(tmp_path):
    log = _scalars(tmp_path / 'scalars.json')
    printed = run_tool('analysis_tools/analyze_logs.py', 'cal_train_time',
                       log)
    # Without each epoch's first record: epoch 1 1.1 s, epoch 2 2.1 s.
    assert 'slowest epoch 2, average time is 2.1000 s/iter' in printed
    assert 'fastest epoch 1, average time is 1.1000 s/iter' in printed
    assert 'time std over epochs is 0.5000' in printed
    assert 'average iter time: 1.6000 s/iter' in printed
    printed = run_tool('analysis_tools/analyze_logs.py', 'cal_train_time',
                       log, '--include-outliers')
    assert 'slowest epoch 2, average time is 2.7333 s/iter' in printed
    out = tmp_path / 'curves.png'
    run_tool('analysis_tools/analyze_logs.py', 'plot_curve', log, '--keys',
             'loss', 'seq/edit', '--out', out)
    assert_picture(str(out))
    with pytest.raises(ToolFailed, match="no scalar 'mAP'"):
        run_tool('analysis_tools/analyze_logs.py', 'plot_curve', log,
                 '--keys', 'mAP', '--out', out)
    (tmp_path / 'bad.json').write_text('{"step": 1}\nnot json\n')
    with pytest.raises(ToolFailed, match='bad.json: line 2 is not JSON'):
        run_tool('analysis_tools/analyze_logs.py', 'cal_train_time',
                 tmp_path / 'bad.json')


# vis_scheduler -------------------------------------------------------------


def test_vis_scheduler_without_data(repo_root, tmp_path):
    from fga.analysis.schedules import simulate_schedule
    cfg = Config.fromfile(f'{repo_root}/{ACTIONFORMER}')
    schedule = simulate_schedule(cfg, iters_per_epoch=10)
    lr = schedule['lr']
    # 2 linear warm-up epochs from 1e-3 x 1e-3 (MMEngine's LinearLR
    # reaches the end factor one step before its end), then cosine to 1e-6.
    assert len(lr) == 300
    assert lr[0] == pytest.approx(1e-6)
    assert lr[10] == pytest.approx(1e-3 * (1e-3 + (1 - 1e-3) * 10 / 19))
    assert lr[19] == lr[20] == pytest.approx(1e-3)
    assert lr[160] == pytest.approx(1e-6 + (1e-3 - 1e-6) / 2, rel=1e-3)
    assert lr[-1] == pytest.approx(1e-6, abs=1e-7)
    assert np.isfinite(schedule['momentum']).all()  # AdamW's beta 1
    out = tmp_path / 'schedule.png'
    printed = run_tool('analysis_tools/vis_scheduler.py',
                       f'{repo_root}/{ACTIONFORMER}', '--dataset-size', '37',
                       '--out', out)
    assert '300 iterations (10 per epoch)' in printed  # ceil(37 / 4)
    assert 'peak 0.001 at iteration 19' in printed
    assert_picture(str(out), min_colours=3)
    with pytest.raises(ToolFailed, match='--dataset-size'):
        run_tool('analysis_tools/vis_scheduler.py',
                 f'{repo_root}/{ACTIONFORMER}', '--out', out)


def test_vis_scheduler_matches_a_training_run(trained, tiny_config):
    """The simulated schedule is the one the tiny run logged (its lr at
    every iteration; 8 clips in batches of 2)."""
    from fga.analysis.schedules import simulate_schedule
    from fga.analysis.training_logs import find_scalar_log, load_scalar_log
    log = load_scalar_log(find_scalar_log(trained))
    logged = [(r['iter'], r['lr']) for r in log['train']]
    schedule = simulate_schedule(Config.fromfile(tiny_config), 4)
    assert len(logged) == len(schedule['lr']) == 4
    for step, lr in logged:
        assert schedule['lr'][step - 1] == pytest.approx(lr, rel=1e-9)
    assert len({lr for _, lr in logged}) > 1  # the schedule moves


# confusion_matrix and per_class ---------------------------------------------


def _write_dump(path, scores, labels):
    """What MMAction2's DumpResults pickles for a recognizer."""
    samples = [
        dict(pred_score=torch.tensor(s, dtype=torch.float32),
             pred_label=torch.tensor([int(np.argmax(s))]),
             gt_label=torch.tensor([g]), num_classes=len(s))
        for s, g in zip(scores, labels)
    ]
    with open(path, 'wb') as f:
        pickle.dump(samples, f)


def test_recognition_confusion_and_per_class(repo_root, tmp_path):
    # Move4MNIST classes left, right, up, down (the config's metainfo).
    scores = np.eye(4)[[0, 0, 1, 2, 3, 3, 2]] + 0.01
    labels = [0, 0, 1, 1, 3, 3, 3]
    dump = tmp_path / 'dump.pkl'
    _write_dump(dump, scores, labels)
    config = f'{repo_root}/{FULL_VIDEO}'
    out = tmp_path / 'cm.json'
    png = tmp_path / 'cm.png'
    run_tool('analysis_tools/confusion_matrix.py', config, dump, '--out',
             out, '--show-path', png, '--include-values')
    result = json.loads(out.read_text())
    assert result['classes'] == ['left', 'right', 'up', 'down']
    assert result['matrix'] == [[2, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0],
                                [0, 0, 1, 2]]
    assert_picture(str(png))
    run_tool('analysis_tools/confusion_matrix.py', config, dump, '--out',
             out, '--target-classes', '1', '3')
    assert json.loads(out.read_text())['matrix'] == [[1, 0], [0, 2]]
    printed = run_tool('analysis_tools/per_class.py', config, dump)
    assert '| right | 0.5000 ' in printed
    assert '| up    | -              | 0       |' in printed
    assert 'mean_class_accuracy: 0.7222' in printed  # (1 + .5 + 2/3) / 3
    with pytest.raises(ToolFailed, match='--dump'):
        run_tool('analysis_tools/confusion_matrix.py', config,
                 tmp_path / 'epoch_1.pth', '--out', out)


def test_hostile_dump_runs_no_code(repo_root, tmp_path):
    marker = tmp_path / 'ran'

    class Hostile:

        def __reduce__(self):
            return (os.system, (f'touch {marker}', ))

    dump = tmp_path / 'hostile.pkl'
    dump.write_bytes(pickle.dumps([dict(pred_score=Hostile())]))
    with pytest.raises(ToolFailed, match='hostile.pkl'):
        run_tool('analysis_tools/confusion_matrix.py',
                 f'{repo_root}/{FULL_VIDEO}', dump, '--out',
                 tmp_path / 'cm.json')
    assert not marker.exists()


@pytest.fixture
def sequence_files(tmp_path):
    """Video a: pred 0 1 3 for gt 0 0 2 (two substitutions); b: pred 0 for
    gt 2 0 (a deletion, then a match); c: pred 2 0 1 for gt 2 0 (an extra
    event); and a config whose test dataset names them."""
    (tmp_path / 'classes.txt').write_text('\n'.join(['start', 'end'] +
                                                    CLASSES) + '\n')

    def events(labels):
        return [dict(frame=5 * (i + 1), label=CLASSES[c])
                for i, c in enumerate(labels)]

    (tmp_path / 'test.json').write_text(json.dumps([
        dict(video='a', num_frames=30, events=events([0, 0, 2])),
        dict(video='b', num_frames=30, events=events([2, 0])),
        dict(video='c', num_frames=30, events=events([2, 0])),
    ]))
    (tmp_path / 'pred.json').write_text(json.dumps([
        dict(video='a', labels=[CLASSES[c] for c in (0, 1, 3)]),
        dict(video='b', labels=[CLASSES[0]]),
        dict(video='c', labels=[CLASSES[c] for c in (2, 0, 1)]),
    ]))
    config = tmp_path / 'config.py'
    config.write_text(
        'test_dataloader = dict(dataset=dict(type="EventSequenceDataset", '
        f'data_root={str(tmp_path)!r}, ann_file="test.json", '
        'classes_file="classes.txt", stride=1))\n')
    return config, tmp_path / 'pred.json'


def test_sequence_confusion_over_the_alignment(sequence_files, tmp_path):
    config, pred = sequence_files
    out = tmp_path / 'cm.json'
    png = tmp_path / 'cm.png'
    run_tool('analysis_tools/confusion_matrix.py', config, pred, '--out',
             out, '--show-path', png)
    result = json.loads(out.read_text())
    assert result['classes'] == CLASSES + ['(none)']
    # (true, pred) pairs 0-0, 0-1, 2-3 (a), 0-0 (b), 2-2, 0-0 (c); b's 2
    # missed, c's 1 extra.
    assert result['matrix'] == [
        [3, 1, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 1, 1, 1],
        [0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
    ]
    assert_picture(str(png))


def test_per_class_and_attribute_accuracy(sequence_files, tmp_path):
    config, pred = sequence_files
    out = tmp_path / 'per_class.json'
    png = tmp_path / 'bars.png'
    printed = run_tool('analysis_tools/per_class.py', config, pred,
                       '--attributes', *ATTRIBUTES, '--out-json', out,
                       '--out-png', png)
    result = json.loads(out.read_text())
    rows = {r['name']: r for r in result['rows']}
    assert rows[CLASSES[0]] == dict(name=CLASSES[0], value=0.75, count=4,
                                    missed=0)
    assert rows[CLASSES[2]] == dict(name=CLASSES[2], value=0.5, count=2,
                                    missed=1)
    assert rows[CLASSES[1]]['value'] is None  # never a true label
    # Wrong attributes: hand in 1-for-0, hand, type and direction in
    # 3-for-2, over 6 aligned pairs.
    assert result['attributes'] == pytest.approx(
        dict(side=1.0, hand=4 / 6, type=5 / 6, direction=5 / 6,
             outcome=1.0))
    hand = result['attribute_values']['hand']
    assert hand['fh'] == dict(accuracy=pytest.approx(4 / 6), count=6)
    assert hand['bh'] == dict(accuracy=None, count=0)
    assert result['summary'] == dict(aligned_accuracy=pytest.approx(4 / 6),
                                     aligned=6, missed=1, extra=1)
    assert '| hand      | 0.6667' in printed
    assert_picture(str(png))
    with pytest.raises(ToolFailed, match='do not compose 3 attributes'):
        run_tool('analysis_tools/per_class.py', config, pred,
                 '--attributes', 'a', 'b', 'c')


def test_per_class_detection_ap(repo_root, tmp_path):
    root = tmp_path / 'sf'
    generate_synthfeat(str(root), seed=0, videos=10)
    ann = root / 'annotations.json'
    database = json.loads(ann.read_text())['database']
    test = {v: r for v, r in database.items() if r['subset'] == 'test'}
    labels = sorted({a['label'] for r in test.values()
                     for a in r['annotations']})
    # Oracle segments, except those of the first class are shifted away.
    results = {
        video: [
            dict(segment=[s + 1000, e + 1000] if a['label'] == labels[0] else
                 [s, e], label=a['label'], score=1.0)
            for a in record['annotations'] for s, e in [a['segment']]
        ]
        for video, record in test.items()
    }
    pred = tmp_path / 'pred.json'
    pred.write_text(json.dumps(dict(results=results)))
    out = tmp_path / 'ap.json'
    run_tool('analysis_tools/per_class.py', f'{repo_root}/{ACTIONFORMER}',
             pred, '--ann', ann, '--tiou', '0.5,0.7', '--out-json', out,
             '--out-png', tmp_path / 'ap.png')
    result = json.loads(out.read_text())
    rows = {r['name']: r for r in result['rows']}
    assert sorted(rows) == labels
    assert rows[labels[0]]['value'] == 0.0
    assert all(rows[n]['value'] == 1.0 and rows[n]['AP@0.5'] == 1.0
               for n in labels[1:])
    assert result['summary']['mAP'] == pytest.approx(
        (len(labels) - 1) / len(labels))
    assert_picture(str(tmp_path / 'ap.png'))
