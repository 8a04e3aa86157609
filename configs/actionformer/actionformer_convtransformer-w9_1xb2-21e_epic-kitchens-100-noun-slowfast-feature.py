# EPIC-Kitchens 100 nouns (300 classes; README avg mAP 21.88): the verb
# recipe with the noun annotation file.
_base_ = ['./actionformer_convtransformer-w9_1xb2-21e_'
          'epic-kitchens-100-verb-slowfast-feature.py']

ann_file = 'data/epic_kitchens/annotations/epic_kitchens_100_noun.json'
model = dict(head=dict(num_classes=300))
train_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=300))
val_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=300))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=ann_file)
test_evaluator = val_evaluator
