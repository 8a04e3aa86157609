_base_ = [
    '../../../configs/spotting/spotting_r3d18-bigru_1xb4-8e_synthrally-rgb.py'
]

custom_imports = dict(
    imports=['fga', 'projects.example_project.models'],
    allow_failed_imports=False)

model = dict(
    head=dict(type='TCNSpottingHead', dilations=(1, 2, 4, 8)))
