# HAAN for FineGym I3D features (haan.md section 5): 2048 -> 2048 encoder,
# 99 fine / 14 coarse classes, 500 atomic actions, 5 concepts per class,
# mean coarse pooling, dropout 0.5, lambdas (1, 0.001, 0.01, 0.1).
# FineGym's fine classes come in contiguous blocks per coarse class
# (fine_to_coarse_mappings.json); the counts per coarse class:
fine_per_coarse = [6, 11, 7, 7, 10, 12, 4, 8, 4, 5, 15, 5, 2, 3]
model = dict(
    type='HAAN',
    head=dict(
        type='HAANHead',
        in_channels=2048,
        embed_channels=2048,
        num_classes=99,
        num_coarse_classes=14,
        fine_to_coarse=[
            c for c, n in enumerate(fine_per_coarse) for _ in range(n)
        ],
        num_atomic_actions=500,
        num_top_concepts=5,
        coarse_pooling='mean',
        dropout=0.5,
        loss_weights=(1.0, 0.001, 0.01, 0.1),
        test_cfg=dict(alpha=0.1, kmax_mod_factor=2)))
