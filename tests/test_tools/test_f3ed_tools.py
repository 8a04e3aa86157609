import json
import os.path as osp
import sys


def test_eval_f3ed_prints_metrics_and_names_bad_files(run_tool, tmp_path,
                                                      repo_root,
                                                      annotation_data):
    ann = f'{annotation_data}/f3set/f3set-tennis/val.json'
    pred = tmp_path / 'pred.json'
    pred.write_text(json.dumps([
        dict(video='20140706-M-Wimbledon-F-Novak_Djokovic-Roger_Federer_'
             '100437_100633', num_frames=196, stride=2, events=[
                 dict(frame=90, label='?', score=0.8, elements=[
                     'near', 'ad', 'stroke', 'bh', 'volley', 'CC', 'in'])])
    ]))
    proc = run_tool([sys.executable, 'tools/analysis_tools/eval_f3ed.py',
                     ann, str(pred), '--deltas', '0', '1'], cwd=repo_root)
    assert '2 of 3 videos have no prediction' in proc.stderr
    metrics = json.loads(proc.stdout.splitlines()[-1])
    assert sorted(metrics) == ['edit', 'element_f1@0', 'element_f1@1',
                               'event_f1@0', 'event_f1@1']
    # Frame 90 is sampled frame 45, beside the true event's 44 (frame 89):
    # found at delta 1 only. Edit: 1 of the 4 true events of this video,
    # 0 for the two videos without predictions.
    assert metrics['event_f1@0'] == 0 and metrics['element_f1@0'] == 0
    assert metrics['event_f1@1'] > 0 and metrics['element_f1@1'] > 0
    assert metrics['edit'] == 25 / 3
    pred.write_text(json.dumps([dict(video='x', stride=2, events=[
        dict(frame=3, elements=['near', 'moon'])])]))
    proc = run_tool([sys.executable, 'tools/analysis_tools/eval_f3ed.py',
                     ann, str(pred)], cwd=repo_root, check=False)
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: {pred}: video x: event 0: elements ['moon'] are not in "
        'elements.txt')


def test_f3set_clips_plan_their_frames_from_the_match_videos(
        tmp_path, annotation_data):
    from fga.datasets.preparation import plan_f3ast_frames
    ann = f'{annotation_data}/f3set/f3set-tennis/val.json.gz'
    for match in ('20210909-W-US_Open-SF-Aryna_Sabalenka-Leylah_Fernandez',
                  '20140706-M-Wimbledon-F-Novak_Djokovic-Roger_Federer',
                  '20190704-M-Wimbledon-R64-Rafael_Nadal-Nick_Kyrgios'):
        (tmp_path / f'{match}.mp4').write_bytes(b'')
    jobs = plan_f3ast_frames(str(tmp_path), [ann])
    assert [(osp.basename(src), start, end)
            for _, src, start, end in jobs][:2] == [
        ('20210909-W-US_Open-SF-Aryna_Sabalenka-Leylah_Fernandez.mp4',
         170943, 171285),
        ('20140706-M-Wimbledon-F-Novak_Djokovic-Roger_Federer.mp4', 100437,
         100633)]
