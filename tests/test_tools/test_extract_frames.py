import json
import os
import sys

import cv2


def test_whole_videos_and_clips(run_tool, make_video, repo_root, tmp_path):
    videos = tmp_path / 'videos'
    videos.mkdir()
    make_video(videos / 'match1.avi', 20)
    out = tmp_path / 'frames'
    run_tool([sys.executable, 'tools/data/f3ast/extract_frames.py',
              str(videos), str(out)], cwd=repo_root)
    frames = sorted(os.listdir(out / 'match1'))
    assert len(frames) == 20 and frames[0] == '000000.jpg'
    assert cv2.imread(str(out / 'match1' / '000000.jpg')).shape == \
        (224, 398, 3)
    ann = tmp_path / 'val.json'
    ann.write_text(json.dumps([dict(video='match1_5_12', num_frames=7,
                                    events=[])]))
    run_tool([sys.executable, 'tools/data/f3ast/extract_frames.py',
              str(videos), str(out), '--clips', str(ann)], cwd=repo_root)
    clip = sorted(os.listdir(out / 'match1_5_12'))
    assert len(clip) == 7
    # Clip frame 0 is match frame 5 (brightness 25).
    assert abs(int(cv2.imread(str(out / 'match1_5_12' / clip[0])).mean())
               - 25) <= 3
    ann.write_text(json.dumps([dict(video='other_0_5', num_frames=5,
                                    events=[])]))
    proc = run_tool([sys.executable, 'tools/data/f3ast/extract_frames.py',
                     str(videos), str(out), '--clips', str(ann)],
                    cwd=repo_root, check=False)
    assert proc.returncode != 0 and 'no video for match other' in proc.stderr
