import json
import sys

import pytest

from fga.annotations import load_json


@pytest.mark.parametrize('dataset,tolerance,expected', [
    ('finediving', 'none',
     dict(
         accuracy=0.9952153110047847,
         edit=99.73297730307075,
         success_rate=0.9919893190921228,
         mAP=0.995136414489344)),
    ('finegym', 'none',
     dict(accuracy=1.0, edit=100.0, success_rate=1.0, mAP=1.0)),
])
def test_oracle(run_tool, tmp_path, repo_root, annotation_data, dataset,
                tolerance, expected):
    """Oracle = the JSON events sorted by frame, one-hot (f3ast.md 11)."""
    root = f'{annotation_data}/f3ast/{dataset}'
    records = load_json(f'{root}/test.json')
    pred = [
        dict(
            video=r['video'],
            labels=[
                e['label']
                for e in sorted(r['events'], key=lambda e: e['frame'])
            ]) for r in records
    ]
    (tmp_path / 'pred.json').write_text(json.dumps(pred))
    proc = run_tool([
        sys.executable, 'tools/analysis_tools/eval_sequences.py',
        f'{root}/test.json',
        str(tmp_path / 'pred.json'), '--classes', f'{root}/classes.txt',
        '--stride', '3', '--tolerance', tolerance
    ],
                    cwd=repo_root)
    assert json.loads(proc.stdout.splitlines()[-1]) == expected


def test_finetennis_first_event_dropped(run_tool, tmp_path, repo_root,
                                        annotation_data):
    root = f'{annotation_data}/f3ast/finetennis'
    records = load_json(f'{root}/test.json')
    pred = [
        dict(video=r['video'], labels=[e['label'] for e in r['events']][1:])
        for r in records
    ]
    (tmp_path / 'pred.json').write_text(json.dumps(pred))
    proc = run_tool([
        sys.executable, 'tools/analysis_tools/eval_sequences.py',
        f'{root}/test.json',
        str(tmp_path / 'pred.json'), '--classes', f'{root}/classes.txt',
        '--stride', '3', '--tolerance', 'finetennis'
    ],
                    cwd=repo_root)
    assert json.loads(proc.stdout.splitlines()[-1]) == dict(
        accuracy=0.0,
        edit=53.521457639395386,
        success_rate=0.0,
        mAP=0.02268587514489154)


def test_missing_videos_and_bad_predictions(run_tool, tmp_path, repo_root):
    (tmp_path / 'classes.txt').write_text('start\nend\na\nb\nc\n')
    (tmp_path / 'gt.json').write_text(
        json.dumps([
            dict(
                video='v1',
                num_frames=30,
                events=[dict(frame=3, label='a'),
                        dict(frame=9, label='b')]),
            dict(video='v2', num_frames=30, events=[dict(frame=3, label='c')]),
        ]))
    (tmp_path / 'pred.json').write_text(
        json.dumps([
            dict(
                video='v1',
                labels=['a', 'b'],
                scores=[[.7, .2, .1], [.1, .8, .1]])
        ]))
    args = [
        sys.executable, 'tools/analysis_tools/eval_sequences.py',
        str(tmp_path / 'gt.json'),
        str(tmp_path / 'pred.json'), '--classes',
        str(tmp_path / 'classes.txt')
    ]
    proc = run_tool(args, cwd=repo_root)
    assert '1 of 2 videos have no prediction' in proc.stderr
    metrics = json.loads(proc.stdout.splitlines()[-1])
    assert metrics['success_rate'] == 0.5 and metrics['edit'] == 50.0
    # v2's one label counts as a miss in accuracy and as a positive scored 0
    # in mAP (AP of class c: 1/3), not as nothing.
    assert metrics['accuracy'] == pytest.approx(2 / 3)
    assert metrics['mAP'] == pytest.approx((1 + 1 + 1 / 3) / 3)
    (tmp_path / 'pred.json').write_text(
        json.dumps([dict(video='v1', labels=['a', 'zz'])]))
    proc = run_tool(args, cwd=repo_root, check=False)
    assert proc.returncode != 0
    assert "pred.json: video v1: labels ['zz'] are not in" in proc.stderr
    (tmp_path / 'pred.json').write_text(
        json.dumps([dict(video='v1', labels=['a'], scores=[[1, 0]])]))
    proc = run_tool(args, cwd=repo_root, check=False)
    assert 'scores have shape (1, 2), expected (1, 3)' in proc.stderr


def _compositional_files(tmp_path):
    """Two videos: pred 0 1 3 for gt 0 0 2, and pred 0 for gt 2 0 (a
    deletion, then a match)."""
    classes = ['near_fh_stroke_CC_in', 'near_bh_stroke_CC_in',
               'far_fh_stroke_DL_in', 'far_-_serve_T_in']
    (tmp_path / 'classes.txt').write_text('\n'.join(['start', 'end'] +
                                                    classes) + '\n')

    def events(labels):
        return [dict(frame=5 * (i + 1), label=classes[c])
                for i, c in enumerate(labels)]

    (tmp_path / 'gt.json').write_text(json.dumps([
        dict(video='a', num_frames=30, events=events([0, 0, 2])),
        dict(video='b', num_frames=30, events=events([2, 0])),
    ]))
    (tmp_path / 'pred.json').write_text(json.dumps([
        dict(video='a', labels=[classes[c] for c in (0, 1, 3)]),
        dict(video='b', labels=[classes[0]]),
    ]))
    return [str(tmp_path / n) for n in ('gt.json', 'pred.json')] + [
        '--classes', str(tmp_path / 'classes.txt')
    ]


def test_attributes_over_the_alignment(tmp_path):
    from tests.test_journeys.journey import last_json, run_tool
    args = _compositional_files(tmp_path)
    printed = run_tool('analysis_tools/eval_sequences.py', *args,
                       '--attributes', 'side', 'hand', 'type', 'direction',
                       'outcome')
    metrics = last_json(printed)
    assert {k: v for k, v in metrics.items() if k.endswith('_accuracy')
            } == pytest.approx(
                dict(side_accuracy=1.0, hand_accuracy=0.5,
                     type_accuracy=0.75, direction_accuracy=0.75,
                     outcome_accuracy=1.0))
    assert 'hand accuracy            0.5000' in printed
    by_position = last_json(
        run_tool('analysis_tools/eval_sequences.py', *args, '--attributes'))
    assert by_position['attribute_2_accuracy'] == pytest.approx(0.5)
    plain = last_json(run_tool('analysis_tools/eval_sequences.py', *args))
    assert set(plain) == {'accuracy', 'edit', 'success_rate', 'mAP'}


def test_finetennis_attributes_survive_a_dropped_first_event(
        tmp_path, annotation_data):
    """Positional accuracy is 0 when every rally loses its first event; over
    the alignment every remaining event still has all its attributes
    right."""
    from tests.test_journeys.journey import last_json, run_tool
    root = f'{annotation_data}/f3ast/finetennis'
    records = load_json(f'{root}/test.json')
    pred = [
        dict(video=r['video'], labels=[e['label'] for e in r['events']][1:])
        for r in records
    ]
    (tmp_path / 'pred.json').write_text(json.dumps(pred))
    metrics = last_json(
        run_tool('analysis_tools/eval_sequences.py', f'{root}/test.json',
                 tmp_path / 'pred.json', '--classes', f'{root}/classes.txt',
                 '--stride', '3', '--attributes', 'side', 'hand', 'type',
                 'direction', 'outcome'))
    assert metrics['accuracy'] == 0.0
    assert {k: v for k, v in metrics.items() if k.endswith('_accuracy')} == {
        f'{name}_accuracy': 1.0
        for name in ('side', 'hand', 'type', 'direction', 'outcome')
    }
