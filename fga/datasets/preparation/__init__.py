"""Data preparation: frames, list files and annotation conversions that
``tools/data/*`` run (the tools only parse their command lines)."""
from .annotations import ANNOTATION_SOURCES, prepare_annotations
from .diving48 import (DIVING48_NUM_CLASSES, prepare_diving48,
                       read_diving48_jobs)
from .f3ast_frames import extract_f3ast_frames, plan_f3ast_frames
from .finegym import (GYM99_NUM_CLASSES, element_seconds, prepare_gym99,
                      read_gym99_jobs, split_element_id)
from .frame_extraction import (VIDEO_EXTS, FrameJob, extract_frame_list,
                               find_videos, resize_frame, video_fps,
                               write_frames)
from .thumos14 import (THUMOS14_CLASSES, probe_video,
                       read_thumos14_annotation_dir, read_video_meta,
                       thumos14_to_activitynet)

__all__ = [
    'ANNOTATION_SOURCES', 'DIVING48_NUM_CLASSES', 'element_seconds',
    'extract_f3ast_frames', 'extract_frame_list', 'find_videos', 'FrameJob',
    'GYM99_NUM_CLASSES', 'plan_f3ast_frames', 'prepare_annotations',
    'prepare_diving48', 'prepare_gym99', 'probe_video', 'read_diving48_jobs',
    'read_gym99_jobs', 'read_thumos14_annotation_dir', 'read_video_meta',
    'resize_frame', 'split_element_id', 'THUMOS14_CLASSES',
    'thumos14_to_activitynet', 'VIDEO_EXTS', 'video_fps', 'write_frames'
]
